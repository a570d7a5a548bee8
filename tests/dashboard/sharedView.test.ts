import type { SharedView } from '../../dashboard/sharedView';
import { viewFromFragment, viewToFragment } from '../../dashboard/sharedView';

const DEFAULTS: SharedView = {
    preset: 'last30',
    custom: { from: '', to: '' },
    timeZone: 'UTC',
    departmentId: '',
    attribution: 'last',
    hours: 'all',
    interval: 'auto',
    chartAgent: '',
};

describe('a link to exactly what a manager sees', () => {
    it('carries every control and the agent charted, and reads back the same view', () => {
        const view: SharedView = {
            preset: 'custom',
            custom: { from: '2026-11-01', to: '2026-11-30' },
            timeZone: 'America/Sao_Paulo',
            departmentId: 'sales & co',
            attribution: 'legs',
            hours: 'business',
            interval: 'week',
            chartAgent: 'id-ana',
        };
        const fragment = viewToFragment(view, DEFAULTS);
        expect(fragment).toBe(
            '#range=custom&from=2026-11-01&to=2026-11-30&tz=America%2FSao_Paulo&department=sales+%26+co&credit=legs&hours=business&per=week&agent=id-ana',
        );
        expect(viewFromFragment(fragment, DEFAULTS)).toEqual(view);
    });

    it('leaves out what is as it opens, so a plain view is a plain link', () => {
        expect(viewToFragment(DEFAULTS, DEFAULTS)).toBe('');
        expect(viewToFragment({ ...DEFAULTS, hours: 'business' }, DEFAULTS)).toBe('#hours=business');
        expect(viewFromFragment('', DEFAULTS)).toEqual(DEFAULTS);
    });

    it('keeps the defaults for anything unknown or malformed, and never takes a field it does not know', () => {
        const read = viewFromFragment('#range=forever&tz=Mars%2FBase&credit=all&hours=night&per=hour&token=secret&from=2026-13', DEFAULTS);
        expect(read).toEqual(DEFAULTS);
        expect(Object.keys(read)).not.toContain('token');
    });

    it('takes a custom range only with both its days', () => {
        expect(viewFromFragment('#range=custom&from=2026-11-01', DEFAULTS).preset).toBe('last30');
        expect(viewFromFragment('#range=custom&from=2026-11-01&to=2026-11-07', DEFAULTS)).toMatchObject({
            preset: 'custom',
            custom: { from: '2026-11-01', to: '2026-11-07' },
        });
    });
});
