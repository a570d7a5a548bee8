import type { DepartmentChoice } from '../dashboard/context';

export type DepartmentMatch =
    { ok: true; department: DepartmentChoice } | { ok: false; why: 'none' | 'ambiguous'; candidates: DepartmentChoice[] };

/**
 * The department a manager typed, as the dashboard shows them: its id, else its name in any case,
 * else the one name it begins (ignoring case and accents: "atenc" finds "Atención"). Several names
 * that begin so, or none: the candidates, for the answer to list.
 */
export function findDepartment(typed: string, departments: readonly DepartmentChoice[]): DepartmentMatch {
    const byId = departments.find((department) => department._id === typed);
    if (byId) {
        return { ok: true, department: byId };
    }
    const wanted = folded(typed);
    const exact = departments.filter((department) => folded(department.name) === wanted);
    if (exact.length === 1) {
        return { ok: true, department: exact[0] };
    }
    const starting = exact.length > 1 ? exact : departments.filter((department) => folded(department.name).startsWith(wanted));
    if (starting.length === 1) {
        return { ok: true, department: starting[0] };
    }
    return starting.length > 1
        ? { ok: false, why: 'ambiguous', candidates: starting }
        : { ok: false, why: 'none', candidates: [...departments] };
}

/** Lower case, without accents, spaces collapsed: how a name is compared to what was typed. */
function folded(text: string): string {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
