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

/** `part` as a percentage of `whole`, to one decimal (half up); null when `whole` is zero. */
export function percentOrNull(part: number, whole: number): number | null {
    return whole > 0 ? Math.round((part * 1000) / whole) / 10 : null;
}

/** The average of whole-number scores, to two decimals (half up); null when nothing was scored. */
export function scoreAverageOrNull(sum: number, count: number): number | null {
    return ratioOrNull(sum, count);
}

/** A ratio to two decimals (half up): an average of scores, or of chats held at once; null over nothing. */
export function ratioOrNull(numerator: number, denominator: number): number | null {
    return denominator > 0 ? Math.round((numerator * 100) / denominator) / 100 : null;
}
