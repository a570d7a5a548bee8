import { findDepartment } from '../../../lib/command/departmentByName';

const DEPARTMENTS = [
    { _id: 'kX9fQ2', name: 'Sales' },
    { _id: 'p7Lm3a', name: 'Support' },
    { _id: 'z1Yt8c', name: 'Support Premium' },
    { _id: 'r4Ht6w', name: 'Atención al cliente' },
];

describe('findDepartment', () => {
    it('finds a department by its id, then by its name in any case or without accents', () => {
        expect(findDepartment('kX9fQ2', DEPARTMENTS)).toEqual({ ok: true, department: DEPARTMENTS[0] });
        expect(findDepartment('sales', DEPARTMENTS)).toEqual({ ok: true, department: DEPARTMENTS[0] });
        expect(findDepartment('ATENCION AL CLIENTE', DEPARTMENTS)).toEqual({ ok: true, department: DEPARTMENTS[3] });
        expect(findDepartment('  atención   al cliente ', DEPARTMENTS)).toEqual({ ok: true, department: DEPARTMENTS[3] });
    });

    it('takes a name over the longer names it begins, and a unique beginning', () => {
        expect(findDepartment('support', DEPARTMENTS)).toEqual({ ok: true, department: DEPARTMENTS[1] });
        expect(findDepartment('sa', DEPARTMENTS)).toEqual({ ok: true, department: DEPARTMENTS[0] });
        expect(findDepartment('support p', DEPARTMENTS)).toEqual({ ok: true, department: DEPARTMENTS[2] });
        expect(findDepartment('aten', DEPARTMENTS)).toEqual({ ok: true, department: DEPARTMENTS[3] });
    });

    it('lists the candidates when several names begin so, or every department when none does', () => {
        expect(findDepartment('su', DEPARTMENTS)).toEqual({ ok: false, why: 'ambiguous', candidates: [DEPARTMENTS[1], DEPARTMENTS[2]] });
        expect(findDepartment('billing', DEPARTMENTS)).toEqual({ ok: false, why: 'none', candidates: DEPARTMENTS });
        expect(findDepartment('sales', [])).toEqual({ ok: false, why: 'none', candidates: [] });
    });

    it('finds two departments of one name as ambiguous, not the first of them', () => {
        const twins = [
            { _id: 'a', name: 'Sales' },
            { _id: 'b', name: 'sales' },
        ];
        expect(findDepartment('Sales', twins)).toEqual({ ok: false, why: 'ambiguous', candidates: twins });
    });
});
