/**
 * `ceil(sumMs / (1000 * chats))` in integer arithmetic: the core `$ceil`s the average of float
 * seconds; the float quotient of two large integers can land on the wrong side of an integer, so the
 * exact remainder settles it.
 */
export function ceilSecondsAverage(sumMs: number, chats: number): number {
    return ceilDiv(sumMs, 1000 * chats);
}

/** A sum of milliseconds as whole seconds, rounded up. */
export function ceilSeconds(sumMs: number): number {
    return ceilDiv(sumMs, 1000);
}

export function ceilDiv(numerator: number, divisor: number): number {
    let quotient = Math.floor(numerator / divisor);
    let remainder = numerator - quotient * divisor;
    if (remainder < 0) {
        quotient -= 1;
        remainder += divisor;
    } else if (remainder >= divisor) {
        quotient += 1;
        remainder -= divisor;
    }
    return remainder > 0 ? quotient + 1 : quotient;
}
