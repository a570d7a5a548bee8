import { HttpStatusCode } from '@rocket.chat/apps-engine/definition/accessors';
import type { IApiResponse } from '@rocket.chat/apps-engine/definition/api';

/** What an endpoint hands back: the engine's response, built only here. */
export interface ApiAnswer {
    status: HttpStatusCode;
    content: Record<string, unknown> | string;
    headers?: Record<string, string>;
}

/** Rocket.Chat's own answer for `authRequired` routes called without a valid caller. */
export function notLoggedIn(): ApiAnswer {
    return { status: HttpStatusCode.UNAUTHORIZED, content: { status: 'error', message: 'You must be logged in to do this.' } };
}

/** The core's `validateParams` failure: the AJV messages, then the error type in brackets. */
export function invalidParams(message: string): ApiAnswer {
    return {
        status: HttpStatusCode.BAD_REQUEST,
        content: { success: false, error: `${message} [invalid-params]`, errorType: 'invalid-params' },
    };
}

export function notAllowed(): ApiAnswer {
    return {
        status: HttpStatusCode.FORBIDDEN,
        content: { success: false, error: 'User does not have the permissions required for this action [error-unauthorized]' },
    };
}

export function invalidDate(parameter: 'start' | 'end'): ApiAnswer {
    return {
        status: HttpStatusCode.BAD_REQUEST,
        content: { success: false, error: `The "${parameter}" query parameter must be a valid date.` },
    };
}

/** A series asked for in a timezone nobody knows. */
export function unknownTimeZone(name: string): ApiAnswer {
    return {
        status: HttpStatusCode.BAD_REQUEST,
        content: {
            success: false,
            error: `Unknown timezone "${name}": use an IANA name such as America/Sao_Paulo, or a UTC offset such as -03:00.`,
            errorType: 'invalid-timezone',
        },
    };
}

/** A series of more buckets than the app answers. */
/** `hours=business` while the app setting "Business hours" does not read: what is wrong with it. */
export function invalidBusinessHours(problems: readonly string[]): ApiAnswer {
    return {
        status: HttpStatusCode.BAD_REQUEST,
        content: {
            success: false,
            error: `The app setting "Business hours" is not valid, so hours=business cannot be answered: ${problems.join('; ')}.`,
            errorType: 'invalid-business-hours',
        },
    };
}

/** `hours=business` over rooms recorded without their close time (before app 1.2): not guessed. */
export function noTimesForBusinessHours(roomId: string, createdAt: number, why: 'no-close-time' | 'too-long' = 'no-close-time'): ApiAnswer {
    const room = `room ${roomId}, created ${new Date(createdAt).toISOString()}`;
    return {
        status: HttpStatusCode.BAD_REQUEST,
        content: {
            success: false,
            error:
                why === 'too-long'
                    ? `The range holds a room served for more than ten years (${room}), too long to work out its time in business hours. ` +
                      'Ask for a range without it, or leave hours=business out.'
                    : `The range holds rooms recorded before app 1.2 without their close time (${room}): ` +
                      'their time in business hours is not known. Ask for a later range, or leave hours=business out.',
            errorType: 'no-times-for-business-hours',
        },
    };
}

export function tooManyBuckets(max: number): ApiAnswer {
    return {
        status: HttpStatusCode.BAD_REQUEST,
        content: {
            success: false,
            error: `The range holds more than ${max} buckets of this interval: ask for a shorter range or a longer interval (week or month).`,
            errorType: 'too-many-buckets',
        },
    };
}

/** A method the route does not serve: 405, with the methods it does serve in `Allow`. */
export function methodNotAllowed(method: string, allowed: string[]): ApiAnswer {
    return {
        status: HttpStatusCode.METHOD_NOT_ALLOWED,
        content: { success: false, error: `The method ${method} is not allowed on this endpoint; use ${allowed.join(' or ')}.` },
        headers: { 'content-type': 'application/json', allow: allowed.join(', ') },
    };
}

/** A POST on the history import while it runs: not restarted, with the status it has. */
export function importAlreadyRunning(status: Record<string, unknown>): ApiAnswer {
    return {
        status: HttpStatusCode.CONFLICT,
        content: {
            success: false,
            error: 'The history import is already running; it was not restarted.',
            errorType: 'import-running',
            import: status,
        },
    };
}

export function succeeded(content: Record<string, unknown>): ApiAnswer {
    return { status: HttpStatusCode.OK, content: { ...content, success: true } };
}

/** A 200 in CSV (RFC 4180), with a file name for spreadsheets that save it. */
export function succeededAsCsv(csv: string, fileName: string): ApiAnswer {
    return {
        status: HttpStatusCode.OK,
        content: csv,
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"` },
    };
}

/** The engine's response for an answer: JSON unless the answer says otherwise. */
export function toApiResponse(answer: ApiAnswer): IApiResponse {
    return { status: answer.status, headers: answer.headers ?? { 'content-type': 'application/json' }, content: answer.content };
}
