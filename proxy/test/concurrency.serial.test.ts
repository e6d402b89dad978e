import { describe, expect, it } from 'vitest';
import { fetchViaProxy, sendRaw } from './support/clients.js';
import { okResponse, startFixedOrigin, startOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

const pathOf = (head: string): string => head.split(' ')[1] ?? '';
const bodyFor = (path: string): string => `object at ${path}\n`.repeat(1 + (path.length % 50));

describe('concurrency', () => {
  it('gives 200 simultaneous clients each their own object', async () => {
    const origin = await startOrigin((socket, head) => socket.end(okResponse(bodyFor(pathOf(head)))));
    const proxy = await startTestProxy({ cacheEnabled: false });
    const paths = Array.from({ length: 200 }, (_, i) => `/object/${i}?n=${i * 7}`);
    const replies = await Promise.all(
      paths.map((path) => fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}${path}`)),
    );
    replies.forEach((reply, i) => {
      expect(reply.toString('latin1')).toBe(okResponse(bodyFor(paths[i]!)).toString('latin1'));
    });
    expect(origin.heads).toHaveLength(200);
  });

  it('answers another client while one request hangs on an origin that never answers', async () => {
    let hungArrived!: () => void;
    const arrived = new Promise<void>((resolve) => {
      hungArrived = resolve;
    });
    const nop = await startOrigin(() => hungArrived());
    const response = okResponse('not blocked');
    const origin = await startFixedOrigin(response);
    const proxy = await startTestProxy();
    let hungSettled = false;
    void sendRaw(proxy.port, `GET http://127.0.0.1:${nop.port}/hang HTTP/1.0\r\n\r\n`, { timeoutMs: 60_000 })
      .catch(() => undefined)
      .finally(() => {
        hungSettled = true;
      });
    await arrived;
    expect(await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/`)).toEqual(response);
    expect(hungSettled).toBe(false);
  });

  it('answers another client while one holds a half-sent request head', async () => {
    const response = okResponse('not blocked either');
    const origin = await startFixedOrigin(response);
    const proxy = await startTestProxy();
    let slowSettled = false;
    void sendRaw(proxy.port, `GET http://127.0.0.1:${origin.port}/slow HTTP/1.0\r\nHost: sl`, {
      timeoutMs: 60_000,
    })
      .catch(() => undefined)
      .finally(() => {
        slowSettled = true;
      });
    expect(await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/`)).toEqual(response);
    expect(slowSettled).toBe(false);
  });

  it('fills a barrier: eight requests are all in flight at once, then answered in reverse order', async () => {
    const waiting: { path: string; answer: () => void }[] = [];
    const origin = await startOrigin((socket, head) => {
      const path = pathOf(head);
      waiting.push({ path, answer: () => socket.end(okResponse(bodyFor(path))) });
      if (waiting.length === 8) for (const request of [...waiting].reverse()) request.answer();
    });
    const proxy = await startTestProxy();
    const paths = Array.from({ length: 8 }, (_, i) => `/barrier/${i}`);
    const replies = await Promise.all(
      paths.map((path) => fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}${path}`)),
    );
    replies.forEach((reply, i) => {
      expect(reply.toString('latin1')).toBe(okResponse(bodyFor(paths[i]!)).toString('latin1'));
    });
  });
});
