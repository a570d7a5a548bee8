/** The OpenAPI description of why an agent's figure differs from the core's (`answerExplain.ts`), which `openapi.ts` puts on its route. */
import { authErrors, errorInvalidDate, errorInvalidParams, json, seconds } from './openapiSchemas';
import { EXPLAIN_PARAMETERS, openApiParameters } from './parameters';

const figure = (description: string) => ({
    type: 'object',
    description,
    required: ['chats', 'serviceTimeDuration', 'averageServiceTimeInSeconds'],
    properties: {
        chats: { type: 'integer', minimum: 0 },
        serviceTimeDuration: seconds('Summed, rounded up as total-service-time rounds.'),
        averageServiceTimeInSeconds: {
            type: ['integer', 'null'],
            description: 'Rounded up as average-service-time rounds; null without chats.',
        },
    },
    additionalProperties: false,
});

const explainedChat = {
    type: 'object',
    required: ['roomId', 'createdAt', 'coreSeconds', 'otherSeconds', 'link'],
    properties: {
        roomId: { type: 'string' },
        createdAt: { type: 'string', format: 'date-time' },
        coreSeconds: seconds("The chat as Rocket.Chat's own report counts it for the agent: whole, and only if they closed it."),
        otherSeconds: seconds("The chat counted the other way: the agent's own legs, or business hours only."),
        link: { type: ['string', 'null'], description: "The room in Rocket.Chat's Current Chats; null when Site_Url cannot be read." },
    },
    additionalProperties: false,
};

const chatList = (description: string) => ({ type: 'array', items: explainedChat, maxItems: 5, description });

const explanation = {
    type: 'object',
    required: ['success', 'agent', 'core', 'legs', 'business', 'businessUnavailable', 'transfers', 'outsideHours'],
    properties: {
        success: { const: true },
        agent: {
            type: 'object',
            required: ['_id', 'username'],
            properties: {
                _id: { type: 'string' },
                username: { type: ['string', 'null'], description: 'Null when the agent has no chat in the range.' },
            },
            additionalProperties: false,
        },
        core: figure("Rocket.Chat's own count: each chat, whole, to the agent who served at the close (attribution=last, hours=all)."),
        legs: figure("Each agent's own stretches of the chats they took part in (attribution=legs)."),
        business: {
            oneOf: [figure("The core's count within business hours only (hours=business)."), { type: 'null' }],
        },
        businessUnavailable: {
            oneOf: [
                {
                    type: 'object',
                    required: ['why', 'roomId'],
                    properties: { why: { enum: ['no-close-time', 'too-long'] }, roomId: { type: 'string' } },
                    additionalProperties: false,
                },
                {
                    type: 'object',
                    required: ['why', 'problems'],
                    properties: { why: { const: 'invalid-setting' }, problems: { type: 'array', items: { type: 'string' } } },
                    additionalProperties: false,
                },
                { type: 'null' },
            ],
            description: 'Why business is null: a room recorded without its close time, or a Business hours setting that does not read.',
        },
        transfers: {
            type: 'object',
            required: ['chats', 'top'],
            properties: {
                chats: {
                    type: 'integer',
                    minimum: 0,
                    description: 'Chats the legs count differently from the core: handed over, or back from the queue.',
                },
                top: chatList('Those that move the most time, largest first (otherSeconds: the legs).'),
            },
            additionalProperties: false,
        },
        outsideHours: {
            oneOf: [
                {
                    type: 'object',
                    required: ['chats', 'wholly', 'top'],
                    properties: {
                        chats: { type: 'integer', minimum: 0, description: "The agent's chats with time outside business hours." },
                        wholly: { type: 'integer', minimum: 0, description: 'Of them, those with no time inside business hours at all.' },
                        top: chatList('Those with the most time outside, largest first (otherSeconds: business hours).'),
                    },
                    additionalProperties: false,
                },
                { type: 'null' },
            ],
        },
    },
    additionalProperties: false,
};

const example = {
    success: true,
    agent: { _id: 'Xy7kq2Lm', username: 'ana.souza' },
    core: { chats: 12, serviceTimeDuration: 6633, averageServiceTimeInSeconds: 553 },
    legs: { chats: 14, serviceTimeDuration: 7020, averageServiceTimeInSeconds: 502 },
    business: { chats: 12, serviceTimeDuration: 5400, averageServiceTimeInSeconds: 450 },
    businessUnavailable: null,
    transfers: {
        chats: 3,
        top: [
            {
                roomId: 'Qw3rTy',
                createdAt: '2026-11-02T13:00:00.000Z',
                coreSeconds: 900,
                otherSeconds: 300,
                link: 'https://chat.example.com/omnichannel/current/Qw3rTy',
            },
        ],
    },
    outsideHours: { chats: 2, wholly: 1, top: [] },
};

export const explainPath = {
    get: {
        summary:
            "Why an agent's figure differs from Rocket.Chat's own: the core's count, each agent's own legs and business hours only, side by side, with the chats that move the most time",
        security: [{ userId: [], authToken: [] }],
        parameters: openApiParameters(EXPLAIN_PARAMETERS),
        responses: {
            '200': {
                description:
                    'Each figure equals the agent’s row in total-service-time and average-service-time asked with the same range and departments and that attribution or hours.',
                content: json(explanation, example),
            },
            '400': {
                description: 'A query that fails the schema, agentId naming more than one agent, or a start / end that is not a date.',
                content: json({ oneOf: [errorInvalidParams, errorInvalidDate] }),
            },
            ...authErrors,
        },
    },
};
