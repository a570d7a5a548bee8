import * as net from 'net';

import { assertPortFree } from '../../dev/portCheck';

describe('the playground’s check of its port, before it builds', () => {
    it('says the port is busy, and how to start on another, when something listens there', async () => {
        const busy = net.createServer();
        await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
        const { port } = busy.address() as net.AddressInfo;
        try {
            await expect(assertPortFree(port)).rejects.toThrow(`Port ${port} is busy`);
        } finally {
            await new Promise((resolve) => busy.close(resolve));
        }
        // Once it is free, the check passes and leaves it free for the host.
        await expect(assertPortFree(port)).resolves.toBeUndefined();
        await expect(assertPortFree(port)).resolves.toBeUndefined();
    });
});
