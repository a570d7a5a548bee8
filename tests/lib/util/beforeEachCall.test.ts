import { beforeEachCall } from '../../../lib/util/beforeEachCall';

describe('beforeEachCall', () => {
    it('awaits the check before every method, runs the method on the object itself, and leaves other properties alone', async () => {
        const steps: string[] = [];
        const target = {
            name: 'store',
            async write(value: string) {
                steps.push(`write ${value} on ${this.name}`);
                return value.length;
            },
        };
        const wrapped = beforeEachCall(target, async () => {
            steps.push('check');
        });
        expect(wrapped.name).toBe('store');
        expect(await wrapped.write('abc')).toBe(3);
        expect(steps).toEqual(['check', 'write abc on store']);
    });

    it('does not run the method when the check throws', async () => {
        const write = jest.fn(async () => 'written');
        const wrapped = beforeEachCall({ write }, async () => {
            throw new Error('lease lost');
        });
        await expect(wrapped.write()).rejects.toThrow('lease lost');
        expect(write).not.toHaveBeenCalled();
    });
});
