import { underSiteUrl } from '../../../lib/util/siteUrl';

describe('an address under the workspace’s Site_Url', () => {
    it('joins the path with one slash, whether the address ends with none, one or several', () => {
        for (const siteUrl of ['https://chat.example.com', 'https://chat.example.com/', 'https://chat.example.com//']) {
            expect(underSiteUrl(siteUrl, '/omnichannel/current/r1')).toBe('https://chat.example.com/omnichannel/current/r1');
        }
    });

    it('keeps a workspace served under a path', () => {
        expect(underSiteUrl('https://example.com/chat/', '/x')).toBe('https://example.com/chat/x');
    });
});
