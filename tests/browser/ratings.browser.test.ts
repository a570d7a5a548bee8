import { CHATS_PATH } from '../../lib/http/routes';
import type { ChatItem } from '../../lib/reports/chatRows';
import type { ServiceTimeStatsItem } from '../../lib/reports/statsShape';
import { api, loginAndOpen, MANAGER, newPage, queryOf, STATS_PATH, useDashboardFixture } from './dashboardFixture';

/** The visitors' ratings on the dashboard: a switch adds their columns to the agents table, and each chat shows its score. */
useDashboardFixture();

describe("the visitors' ratings, in Chromium", () => {
    it('adds Rated, CSAT and Satisfaction to the agents table at the switch, each equal to the stats endpoint', async () => {
        const { context, page, problems } = await newPage();
        await loginAndOpen(page, MANAGER);
        const headers = () => page.$$eval('#agents thead th', (cells) => cells.map((cell) => cell.textContent));
        expect(await headers()).not.toContain('CSAT');

        const statsRequest = page.waitForRequest((request) => request.url().includes(STATS_PATH));
        await page.reload();
        const query = queryOf(await statsRequest);
        await page.waitForSelector('#dashboard[data-ready="1"]');
        await page.check('#show-ratings');
        expect((await headers()).slice(-3)).toEqual(['Rated', 'CSAT', 'Satisfaction']);

        const stats = await api<{ agents: ServiceTimeStatsItem[] }>(STATS_PATH, query);
        const shown = await page.$$eval('#agents tbody tr', (rows) =>
            rows.map((row) => {
                const cells = [...row.children].slice(-3);
                return [row.getAttribute('data-agent-id'), ...cells.map((cell) => cell.getAttribute('data-value'))];
            }),
        );
        const expected = stats.agents.map((agent) => [
            agent._id,
            String(agent.ratedChatsPct),
            agent.csatPct === null ? null : String(agent.csatPct),
            agent.averageSatisfaction === null ? null : String(agent.averageSatisfaction),
        ]);
        expect([...shown].sort()).toEqual([...expected].sort());
        expect(stats.agents.some((agent) => agent.ratedChats > 0)).toBe(true);
        // A share reads as a percentage.
        const ana = stats.agents.find((agent) => agent._id === 'b-ana');
        const csatText = await page.textContent('#agents tbody tr[data-agent-id="b-ana"] td:nth-last-child(2)');
        expect(csatText).toBe(ana?.csatPct === null ? '—' : `${ana?.csatPct}%`);

        // Sorting by CSAT keeps the switch on.
        await page.click('#agents button[data-column="csat"]');
        expect(await page.isChecked('#show-ratings')).toBe(true);
        expect((await headers()).slice(-3)).toEqual(['Rated', 'CSAT', 'Satisfaction']);
        expect(problems).toEqual([]);
        await context.close();
    });

    it("shows each chat's satisfaction score in the agent's chats, as the chats endpoint has it", async () => {
        const { context, page, problems } = await newPage();
        await loginAndOpen(page, MANAGER);
        const chatsRequest = page.waitForRequest((request) => request.url().includes(CHATS_PATH));
        await page.click('#agents button.agent-chats[data-agent-id="b-bea"]');
        const query = queryOf(await chatsRequest);
        await page.waitForSelector('#chats tbody tr');
        const expected = await api<{ chats: ChatItem[] }>(CHATS_PATH, query);
        const shown = await page.$$eval('#chats tbody tr', (rows) =>
            rows.map((row) => [row.getAttribute('data-room-id'), row.children[3].getAttribute('data-value')]),
        );
        expect(shown).toEqual(expected.chats.map((chat) => [chat.roomId, chat.satisfaction === null ? null : String(chat.satisfaction)]));
        expect(expected.chats.some((chat) => chat.satisfaction !== null)).toBe(true);
        expect(await page.textContent('#chats thead th:nth-child(4)')).toBe('Rating');
        expect(problems).toEqual([]);
        await context.close();
    });
});
