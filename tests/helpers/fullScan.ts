import type { LivechatRoomDocument } from '../../dev/workspace/workspace';

export interface ScanItem {
    _id: string;
    username: string;
    chats: number;
    sumMs: number;
}

/**
 * The core's aggregation, written independently of the app: every livechat room document with a
 * `servedBy` and a truthy `metrics.serviceTimeDuration`, created (`ts`) within [start, end], grouped
 * by `servedBy._id` and `servedBy.username`, sorted by username then _id.
 */
export function fullScan(rooms: Iterable<LivechatRoomDocument>, start: Date, end: Date, departmentIds?: string[]): ScanItem[] {
    const groups = new Map<string, ScanItem>();
    for (const room of rooms) {
        const seconds = room.metrics?.serviceTimeDuration;
        if (room.t !== 'l' || !room.servedBy || !seconds || room.ts < start || room.ts > end) {
            continue;
        }
        if (departmentIds && !(room.departmentId && departmentIds.includes(room.departmentId))) {
            continue;
        }
        const key = `${room.servedBy._id}\u0000${room.servedBy.username}`;
        const group = groups.get(key) ?? { _id: room.servedBy._id, username: room.servedBy.username, chats: 0, sumMs: 0 };
        group.chats += 1;
        group.sumMs += Math.round(seconds * 1000);
        groups.set(key, group);
    }
    return [...groups.values()].sort((a, b) => utf8Order(a.username, b.username) || utf8Order(a._id, b._id));
}

/** MongoDB's string order: the strings' UTF-8 bytes compared (independent of the app's comparator). */
function utf8Order(a: string, b: string): number {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The average report's items for the scan, with BigInt so that the rounding is beyond doubt. */
export function averageItems(scan: ScanItem[]) {
    return scan.map(({ _id, username, chats, sumMs }) => {
        const divisor = BigInt(chats) * BigInt(1000);
        const sum = BigInt(sumMs);
        const quotient = sum / divisor + (sum % divisor > BigInt(0) ? BigInt(1) : BigInt(0));
        return { _id, username, averageServiceTimeInSeconds: Number(quotient) };
    });
}

/** The total report's items for the scan: chats, and the summed seconds rounded up. */
export function totalItems(scan: ScanItem[]) {
    return scan.map(({ _id, username, chats, sumMs }) => ({ _id, username, chats, serviceTimeDuration: Math.ceil(sumMs / 1000) }));
}
