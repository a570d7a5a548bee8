/** The OpenAPI description of the chats behind the figures (`answerChats.ts`), which `openapi.ts` puts on its route. */
import {
    authErrors,
    errorBusinessHours,
    errorInvalidDate,
    errorInvalidParams,
    json,
    nullableSeconds,
    page,
    seconds,
} from './openapiSchemas';
import { CHATS_PARAMETERS, openApiParameters } from './parameters';
import { CHAT_ITEM_FIELDS } from '../reports/chatRows';

const isoTime = { type: 'string', format: 'date-time' };
const nullableIsoTime = { type: ['string', 'null'], format: 'date-time' };

const chatLeg = {
    type: 'object',
    required: ['agentId', 'username', 'startedAt', 'endedAt', 'endedBy', 'seconds'],
    properties: {
        agentId: { type: 'string' },
        username: { type: 'string' },
        startedAt: { ...nullableIsoTime, description: 'Null when the leg began before the app saw the chat.' },
        endedAt: isoTime,
        endedBy: { type: 'string', enum: ['close', 'transfer', 'queue'] },
        seconds: nullableSeconds("The leg's time under the request's hours, rounded up; null when its start is unknown."),
    },
    additionalProperties: false,
};

const chatItem = {
    type: 'object',
    required: [...CHAT_ITEM_FIELDS],
    properties: {
        roomId: { type: 'string' },
        agentId: { type: 'string', description: 'The agent credited in this row.' },
        username: { type: 'string' },
        createdAt: isoTime,
        closedAt: { ...nullableIsoTime, description: 'Null for rooms recorded before app 1.2.' },
        departmentId: { type: ['string', 'null'] },
        serviceTimeInSeconds: seconds(
            "The agent's credited service time for the chat, under the request's attribution and hours, rounded up.",
        ),
        firstResponseInSeconds: nullableSeconds("The room's metrics.response.ft, rounded up; null where unknown."),
        chatDurationInSeconds: nullableSeconds("The room's metrics.chatDuration, rounded up; null where unknown."),
        satisfaction: {
            type: ['integer', 'null'],
            minimum: 1,
            maximum: 5,
            description: "The visitor's satisfaction score in Rocket.Chat's livechat survey; null when they gave none.",
        },
        legs: {
            type: 'array',
            items: chatLeg,
            description: "Every agent's stretch of the chat, oldest first; empty where the record has none.",
        },
        link: { type: ['string', 'null'], description: "The room in Rocket.Chat's Current Chats; null when Site_Url cannot be read." },
    },
    additionalProperties: false,
};

const example = {
    roomId: 'Qw3rTy',
    agentId: 'Xy7kq2Lm',
    username: 'ana.souza',
    createdAt: '2026-11-02T13:00:00.000Z',
    closedAt: '2026-11-02T13:25:00.000Z',
    departmentId: 'sales',
    serviceTimeInSeconds: 900,
    firstResponseInSeconds: 40,
    chatDurationInSeconds: 1500,
    satisfaction: 4,
    legs: [
        {
            agentId: 'Bc4dE',
            username: 'bruno',
            startedAt: '2026-11-02T13:00:20.000Z',
            endedAt: '2026-11-02T13:10:00.000Z',
            endedBy: 'transfer',
            seconds: 580,
        },
        {
            agentId: 'Xy7kq2Lm',
            username: 'ana.souza',
            startedAt: '2026-11-02T13:10:00.000Z',
            endedAt: '2026-11-02T13:25:00.000Z',
            endedBy: 'close',
            seconds: 900,
        },
    ],
    link: 'https://chat.example.com/omnichannel/current/Qw3rTy',
};

const chatsAnswer = page(chatItem, example, 'chats', 'Rows');

export const chatsPath = {
    get: {
        summary:
            "The chats behind the reports' figures: one row per chat and credited agent (with attribution=legs, once per agent who took part), longest first",
        security: [{ userId: [], authToken: [] }],
        parameters: openApiParameters(CHATS_PARAMETERS),
        responses: {
            '200': {
                description:
                    'One page of rows. For every agent of total-service-time with the same query, its rows are exactly its chats, and their seconds add up to between its serviceTimeDuration and that plus its chats.',
                content: {
                    ...json(chatsAnswer),
                    'text/csv': {
                        schema: { type: 'string' },
                        example:
                            'roomId,agentId,username,createdAt,closedAt,departmentId,serviceTimeInSeconds,firstResponseInSeconds,chatDurationInSeconds,satisfaction,link,agent1,agent1Seconds,agent1EndedBy,agent2,agent2Seconds,agent2EndedBy\r\n' +
                            'Qw3rTy,Xy7kq2Lm,ana.souza,2026-11-02T13:00:00.000Z,2026-11-02T13:25:00.000Z,sales,900,40,1500,4,https://chat.example.com/omnichannel/current/Qw3rTy,bruno,580,transfer,ana.souza,900,close\r\n',
                    },
                },
            },
            '400': {
                description:
                    'As the reports: a query that fails the schema, a start / end that is not a date, or hours=business that cannot be answered.',
                content: json({ oneOf: [errorInvalidParams, errorInvalidDate, errorBusinessHours] }),
            },
            ...authErrors,
        },
    },
};
