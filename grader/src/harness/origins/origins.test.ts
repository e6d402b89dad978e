import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startBarrierOrigin } from './barrier-origin.js';
import { startCountingOrigin } from './counting-origin.js';
import { exchange } from '../clients/raw-client.js';
import { startReleaseOrigin } from './release-origin.js';
import { startSlowOrigin } from './slow-origin.js';

const get = (path: string) => `GET ${path} HTTP/1.0\r\nHost: x\r\n\r\n`;

describe('the slow origin', () => {
  it('trickles a complete response a few bytes at a time', async () => {
    const origin = await startSlowOrigin({ chunkBytes: 16, intervalMs: 1, bodyBytes: 300 });
    onTestFinished(() => origin.close());
    const chunks: number[] = [];
    const response = await exchange(origin, get('/slow.txt'), {
      timeoutMs: 10_000,
      onConnect: (socket) => socket.on('data', (chunk: Buffer) => chunks.push(chunk.length)),
    });
    expect(response.ended).toBe(true);
    expect(response.bytes.equals(origin.responseFor('/slow.txt'))).toBe(true);
    expect(response.bytes.toString('latin1')).toContain('response for /slow.txt');
    expect(chunks.length).toBeGreaterThan(5);
  });
});

describe('the barrier origin', () => {
  it('answers nothing until all parties arrived, then answers each with its own response', async () => {
    const origin = await startBarrierOrigin({ parties: 3 });
    onTestFinished(() => origin.close());
    const first = exchange(origin, get('/b/0'), { timeoutMs: 10_000 });
    const second = exchange(origin, get('/b/1'), { timeoutMs: 10_000 });
    expect(await origin.waitForArrivals(2, { timeoutMs: 5000 })).toBe(true);
    expect(origin.opened).toBe(false);
    expect(await origin.waitForArrivals(3, { timeoutMs: 50 })).toBe(false);
    const third = exchange(origin, get('/b/2'), { timeoutMs: 10_000 });
    const responses = await Promise.all([first, second, third]);
    expect(origin.opened).toBe(true);
    expect(origin.arrived).toBe(3);
    expect([...origin.arrivedPaths].sort()).toEqual(['/b/0', '/b/1', '/b/2']);
    responses.forEach((response, i) => {
      expect(response.bytes.equals(origin.responseFor(`/b/${i}`))).toBe(true);
    });
  });
});

describe('the release-order origin', () => {
  it('holds every response until released, in the order the check chooses', async () => {
    const origin = await startReleaseOrigin();
    onTestFinished(() => origin.close());
    const finished: string[] = [];
    const fetch = (path: string) =>
      exchange(origin, get(path), { timeoutMs: 10_000 }).then((response) => {
        finished.push(path);
        return response;
      });
    const a = fetch('/r/a');
    expect(await origin.waitForArrivals(1, { timeoutMs: 5000 })).toBe(true);
    const b = fetch('/r/b');
    expect(await origin.waitForArrivals(2, { timeoutMs: 5000 })).toBe(true);
    expect(origin.arrivedPaths).toEqual(['/r/a', '/r/b']);
    expect(origin.release(['/r/b'])).toEqual([]);
    expect((await b).bytes.equals(origin.responseFor('/r/b'))).toBe(true);
    expect(finished).toEqual(['/r/b']);
    expect(origin.release(['/r/a', '/r/missing', '/r/b'])).toEqual(['/r/missing', '/r/b']);
    expect((await a).bytes.equals(origin.responseFor('/r/a'))).toBe(true);
  });
});

describe('the counting origin', () => {
  it('answers 200 and keeps the request heads it received', async () => {
    const origin = await startCountingOrigin();
    onTestFinished(() => origin.close());
    const response = await exchange(origin, 'POST /form?x=1 HTTP/1.0\r\nContent-Length: 2\r\n\r\nab', {
      timeoutMs: 5000,
    });
    expect(response.bytes.equals(origin.responseFor('/form'))).toBe(true);
    expect(origin.requests.map((r) => [r.method, r.target, r.path])).toEqual([
      ['POST', '/form?x=1', '/form'],
    ]);
  });

  it('destroys every open connection when closed', async () => {
    const origin = await startCountingOrigin();
    const client = net.connect({ host: origin.host, port: origin.port });
    onTestFinished(() => client.destroy());
    await new Promise((resolve) => client.once('connect', resolve));
    const closed = new Promise((resolve) => client.once('close', resolve));
    await origin.close();
    await closed;
    expect(client.destroyed).toBe(true);
  });
});
