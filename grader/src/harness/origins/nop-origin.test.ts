import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startNopOrigin } from './nop-origin.js';

describe('the nop origin', () => {
  it('accepts connections, counts them, and never answers until it is closed', async () => {
    const nop = await startNopOrigin();
    onTestFinished(() => nop.close());
    const client = net.connect({ host: nop.host, port: nop.port });
    onTestFinished(() => client.destroy());
    const received: Buffer[] = [];
    client.on('data', (chunk: Buffer) => received.push(chunk));
    client.write('GET /x HTTP/1.0\r\n\r\n');
    expect(await nop.waitForConnections(1, { timeoutMs: 5000 })).toBe(true);
    expect(nop.connectionCount).toBe(1);
    expect(await nop.waitForConnections(2, { timeoutMs: 50 })).toBe(false);
    const closed = new Promise((resolve) => client.once('close', resolve));
    await nop.close();
    await closed;
    expect(Buffer.concat(received).length).toBe(0);
  });

  it('gives up a wait when the signal aborts', async () => {
    const nop = await startNopOrigin();
    onTestFinished(() => nop.close());
    const controller = new AbortController();
    const waiting = nop.waitForConnections(1, { timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    expect(await waiting).toBe(false);
  });

  it('serves its url on 127.0.0.1 and its own port', async () => {
    const nop = await startNopOrigin();
    onTestFinished(() => nop.close());
    expect(nop.url('/a b')).toBe(`http://127.0.0.1:${nop.port}/a b`);
  });
});
