import { describe, expect, it } from 'vitest';
import { fetchViaProxy } from './support/clients.js';
import { okResponse, startOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

/** An origin whose answer depends on the Host it receives, as a name-based virtual host does. */
function startVirtualHostOrigin() {
  return startOrigin((socket, head) => {
    const host = /\r\nhost:[ \t]*([^\r\n]*)/i.exec(head)?.[1] ?? '';
    socket.end(okResponse(host === 'attacker.example' ? 'attacker page' : `honest page for ${host}`));
  });
}

describe('the cache key', () => {
  it('never serves an answer fetched with a foreign Host to a later request for the plain URI', async () => {
    const origin = await startVirtualHostOrigin();
    const proxy = await startTestProxy();
    const url = `http://127.0.0.1:${origin.port}/x`;
    const fetchText = async (headerLines: string[] = []) =>
      (await fetchViaProxy(proxy.port, url, headerLines)).toString('latin1');
    const honest = okResponse(`honest page for 127.0.0.1:${origin.port}`).toString('latin1');

    expect(await fetchText(['Host: attacker.example'])).toBe(okResponse('attacker page').toString('latin1'));
    expect(await fetchText()).toBe(honest);
    expect(await fetchText([`Host: 127.0.0.1:${origin.port}`])).toBe(honest);
    expect(origin.heads).toHaveLength(2);
  });

  it('still serves hits to clients that send the same foreign Host again', async () => {
    const origin = await startVirtualHostOrigin();
    const proxy = await startTestProxy();
    const url = `http://127.0.0.1:${origin.port}/x`;
    for (let round = 0; round < 2; round += 1) {
      expect(await fetchViaProxy(proxy.port, url, ['Host: attacker.example'])).toEqual(
        okResponse('attacker page'),
      );
    }
    expect(origin.heads).toHaveLength(1);
    expect(proxy.cache?.keys()).toEqual([`http://127.0.0.1:${origin.port}/x\nattacker.example`]);
  });
});
