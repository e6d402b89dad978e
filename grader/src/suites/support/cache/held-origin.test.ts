import net from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { CheckContext } from '../../../types.js';
import { fetchBurst } from './fetch-burst.js';
import { startHeldOrigin } from './held-origin.js';

const RESPONSE = Buffer.from('HTTP/1.0 200 OK\r\nContent-length: 5\r\n\r\nhello');

/** A raw client of the origin: writes one request head, collects what comes back until the origin closes. */
function askOrigin(port: number) {
  const chunks: Buffer[] = [];
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write('GET /x HTTP/1.0\r\nHost: h\r\n\r\n');
  const closed = new Promise<Buffer>((resolve) => socket.on('close', () => resolve(Buffer.concat(chunks))));
  return { socket, received: () => Buffer.concat(chunks), closed };
}

describe('the held origin', () => {
  it('holds every answer until the wanted number of requests arrived, then answers them all', async () => {
    const held = await startHeldOrigin(RESPONSE, { holdUntilRequests: 3, maxHoldMs: 60_000 });
    onTestFinished(() => held.close());
    const early = [askOrigin(held.port), askOrigin(held.port)];
    onTestFinished(() => {
      for (const client of early) client.socket.destroy();
    });
    await vi.waitFor(() => expect(held.requestCount).toBe(2), { timeout: 10_000 });
    expect(early.map((client) => client.received().length)).toEqual([0, 0]);
    const last = askOrigin(held.port);
    onTestFinished(() => last.socket.destroy());
    const answers = await Promise.all([...early, last].map((client) => client.closed));
    expect(answers).toEqual([RESPONSE, RESPONSE, RESPONSE]);
  });

  it('answers a lone request after its bounded wait, and later requests at once', async () => {
    const held = await startHeldOrigin(RESPONSE, { holdUntilRequests: 20, maxHoldMs: 200 });
    onTestFinished(() => held.close());
    const started = performance.now();
    const lone = askOrigin(held.port);
    onTestFinished(() => lone.socket.destroy());
    expect(await lone.closed).toEqual(RESPONSE);
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    const later = askOrigin(held.port);
    onTestFinished(() => later.socket.destroy());
    expect(await later.closed).toEqual(RESPONSE);
    expect(held.requestCount).toBe(2);
  });
});

describe('a burst of clients', () => {
  it('reads each answer to the end, and tells a client that got nothing in time', async () => {
    let requests = 0;
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => {
        // the fifth request gets no answer: a proxy that lost a descriptor
        if (++requests < 5) socket.end(RESPONSE);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const ctx = testContext((server.address() as net.AddressInfo).port);
    try {
      const responses = await fetchBurst(ctx.context, 'http://127.0.0.1:1/x', 5, 1000);
      const summary = responses.map(
        (r) => `${r.bytes.equals(RESPONSE) ? 'answer' : r.bytes.length} ${r.timedOut}`,
      );
      expect(summary.sort()).toEqual([
        '0 true',
        'answer false',
        'answer false',
        'answer false',
        'answer false',
      ]);
      expect(responses.filter((r) => r.ended)).toHaveLength(4);
    } finally {
      await ctx.cleanup();
    }
  });
});

function testContext(port: number): { context: CheckContext; cleanup(): Promise<void> } {
  const cleanups: Array<() => unknown> = [];
  const context: CheckContext = {
    proxy: { host: '127.0.0.1', port },
    harness: undefined as never,
    proxyPid: undefined,
    timeoutMs: (base) => base,
    answerMs: (base) => base,
    signal: new AbortController().signal,
    defer: (cleanup) => cleanups.push(cleanup),
    log: () => {},
  };
  return {
    context,
    cleanup: async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    },
  };
}
