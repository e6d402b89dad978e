import { describe, expect, it } from 'vitest';
import { MAX_OBJECT_SIZE } from '../src/index.js';
import { expectSameBytes } from './support/bytes.js';
import { fetchViaProxy, sendRaw } from './support/clients.js';
import { binaryBytes, okResponse, startOrigin, type TestOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

/** An origin serving `bodies[path]` (as a Tiny-style 200), or 404 for unknown paths. */
function startCorpusOrigin(bodies: Record<string, Buffer>): Promise<TestOrigin> {
  return startOrigin((socket, head) => {
    const path = head.split(' ')[1] ?? '';
    const body = bodies[path];
    socket.end(body ? okResponse(body) : 'HTTP/1.0 404 Not Found\r\nContent-length: 0\r\n\r\n');
  });
}

/** A body that makes the whole response exactly `responseBytes` long. */
function bodyForResponseOf(responseBytes: number): Buffer {
  const headBytes = okResponse('').length;
  const probe = okResponse(Buffer.alloc(responseBytes - headBytes)).length - responseBytes;
  return Buffer.alloc(responseBytes - headBytes - probe, 0x62);
}

describe('the cache', () => {
  it('serves text and binary objects again without contacting the origin, even once it is gone', async () => {
    const bodies = { '/home.html': Buffer.from('<html>home</html>'), '/pic.jpg': binaryBytes(50_000) };
    const origin = await startCorpusOrigin(bodies);
    const proxy = await startTestProxy();
    const base = `http://127.0.0.1:${origin.port}`;
    const first = [
      await fetchViaProxy(proxy.port, `${base}/home.html`),
      await fetchViaProxy(proxy.port, `${base}/pic.jpg`),
    ];
    await origin.close();
    const again = [
      await fetchViaProxy(proxy.port, `${base}/home.html`),
      await fetchViaProxy(proxy.port, `${base}/pic.jpg`),
    ];
    expect(origin.heads).toHaveLength(2);
    expectSameBytes(again[0]!, okResponse(bodies['/home.html']));
    expectSameBytes(again[1]!, okResponse(bodies['/pic.jpg']));
    expectSameBytes(again[1]!, first[1]!);
  });

  it('never caches an object over the size limit, counting headers, and caches one exactly at it', async () => {
    const bodies = {
      '/big': Buffer.alloc(120_000, 0x61),
      '/over': bodyForResponseOf(MAX_OBJECT_SIZE + 1),
      '/exact': bodyForResponseOf(MAX_OBJECT_SIZE),
    };
    expect(okResponse(bodies['/over']).length).toBe(MAX_OBJECT_SIZE + 1);
    expect(okResponse(bodies['/exact']).length).toBe(MAX_OBJECT_SIZE);
    const origin = await startCorpusOrigin(bodies);
    const proxy = await startTestProxy();
    for (const path of ['/big', '/over', '/exact', '/big', '/over', '/exact']) {
      expectSameBytes(
        await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}${path}`),
        okResponse(bodies[path as keyof typeof bodies]),
      );
    }
    expect(origin.heads.map((head) => head.split(' ')[1])).toEqual([
      '/big',
      '/over',
      '/exact',
      '/big',
      '/over',
    ]);
  });

  it('does not cache error statuses', async () => {
    const origin = await startCorpusOrigin({});
    const proxy = await startTestProxy();
    await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/missing`);
    await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/missing`);
    expect(origin.heads).toHaveLength(2);
    expect(proxy.cache?.size).toBe(0);
  });

  it('evicts the least recently used object, where reading counts as use', async () => {
    const names = ['a', 'b', 'c', 'd'];
    const bodies = Object.fromEntries(names.map((name) => [`/${name}`, Buffer.alloc(1000, name)]));
    const origin = await startCorpusOrigin(bodies);
    const objectBytes = okResponse(Buffer.alloc(1000)).length;
    const proxy = await startTestProxy({ cacheSizeBytes: 3 * objectBytes });
    const fetchPath = (path: string) => fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}${path}`);
    for (const path of ['/a', '/b', '/c', '/a', '/d']) await fetchPath(path);
    expect(origin.heads).toHaveLength(4); // the second /a was a hit
    expect(proxy.cache?.keys()).toEqual(
      ['c', 'a', 'd'].map((name) => `http://127.0.0.1:${origin.port}/${name}`),
    );
    for (const path of ['/a', '/c', '/d']) await fetchPath(path);
    expect(origin.heads).toHaveLength(4);
    expectSameBytes(await fetchPath('/b'), okResponse(Buffer.alloc(1000, 'b')));
    expect(origin.heads).toHaveLength(5);
  });

  it('keeps one copy per object, however its URL is spelled and when two misses race', async () => {
    const pending: (() => void)[] = [];
    const origin = await startOrigin((socket) => {
      pending.push(() => socket.end(okResponse('shared')));
      if (pending.length === 2) for (const answer of pending) answer();
    });
    const proxy = await startTestProxy();
    await Promise.all([
      fetchViaProxy(proxy.port, `http://LOCALHOST:${origin.port}/obj`),
      fetchViaProxy(proxy.port, `http://localhost:${origin.port}/obj`),
    ]);
    expect(proxy.cache?.keys()).toEqual([`http://localhost:${origin.port}/obj`]);
    expect(proxy.cache?.totalBytes).toBe(okResponse('shared').length);
  });

  it('keeps objects of different hosts, ports and paths apart', async () => {
    const one = await startCorpusOrigin({ '/x': Buffer.from('one x'), '/y': Buffer.from('one y') });
    const two = await startCorpusOrigin({ '/x': Buffer.from('two x') });
    const proxy = await startTestProxy();
    const urls = {
      [`http://127.0.0.1:${one.port}/x`]: 'one x',
      [`http://127.0.0.1:${one.port}/y`]: 'one y',
      [`http://127.0.0.1:${two.port}/x`]: 'two x',
      [`http://localhost:${one.port}/x`]: 'one x',
    };
    for (let round = 0; round < 2; round += 1) {
      for (const [url, body] of Object.entries(urls))
        expect(await fetchViaProxy(proxy.port, url)).toEqual(okResponse(body));
    }
    expect(one.heads.length + two.heads.length).toBe(4);
  });

  it('serves many concurrent hits on one object, all byte-identical', async () => {
    const body = binaryBytes(80_000, 7);
    const origin = await startCorpusOrigin({ '/obj': body });
    const proxy = await startTestProxy();
    const url = `http://127.0.0.1:${origin.port}/obj`;
    await fetchViaProxy(proxy.port, url);
    const replies = await Promise.all(Array.from({ length: 30 }, () => fetchViaProxy(proxy.port, url)));
    for (const reply of replies) expectSameBytes(reply, okResponse(body));
    expect(origin.heads).toHaveLength(1);
  });

  it('goes to the origin every time when caching is disabled', async () => {
    const origin = await startCorpusOrigin({ '/x': Buffer.from('x') });
    const proxy = await startTestProxy({ cacheEnabled: false });
    expect(proxy.cache).toBeUndefined();
    await sendRaw(proxy.port, `GET http://127.0.0.1:${origin.port}/x HTTP/1.0\r\n\r\n`);
    await sendRaw(proxy.port, `GET http://127.0.0.1:${origin.port}/x HTTP/1.0\r\n\r\n`);
    expect(origin.heads).toHaveLength(2);
  });
});
