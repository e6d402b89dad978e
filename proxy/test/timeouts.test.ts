import { connect, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fetchViaProxy } from './support/clients.js';
import { okResponse, startFixedOrigin, startOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

const IDLE_MS = 300;

/** A log sink whose lines can be awaited by number (1 = the first exchange to finish). */
function awaitableLog() {
  const lines: string[] = [];
  const waiters: { count: number; resolve: (line: string) => void }[] = [];
  return {
    sink(line: string): void {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.count === lines.length)) waiter.resolve(line);
    },
    line(count: number): Promise<string> {
      const ready = lines[count - 1];
      if (ready !== undefined) return Promise.resolve(ready);
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

/** A client that sends `request` and then reads nothing at all; destroyed when the test finishes. */
function connectSilentReader(port: number, request: string, allowHalfOpen = false): Socket {
  const client = connect({ port, host: '127.0.0.1', allowHalfOpen });
  onTestFinished(() => {
    client.destroy();
  });
  client.on('error', () => {});
  client.write(request);
  return client;
}

describe('timeouts while a response is delivered', () => {
  it('closes a cache hit whose client reads nothing once the idle timeout passes with bytes still queued', async () => {
    const response = okResponse(Buffer.alloc(8 * 1024 * 1024, 0x61));
    const origin = await startFixedOrigin(response);
    const log = awaitableLog();
    const proxy = await startTestProxy({
      objectSizeBytes: 16 * 1024 * 1024,
      cacheSizeBytes: 16 * 1024 * 1024,
      originIdleTimeoutMs: IDLE_MS,
      log: log.sink,
    });
    const url = `http://127.0.0.1:${origin.port}/big`;
    await fetchViaProxy(proxy.port, url);
    await log.line(1);
    const sentAt = performance.now();
    connectSilentReader(proxy.port, `GET ${url} HTTP/1.0\r\n\r\n`).pause();
    const line = await log.line(2);
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(IDLE_MS);
    expect(line).toContain(` 200 ${response.length}B HIT `);
    expect(origin.heads).toHaveLength(1);
  });

  it('keeps a delivered response open for the linger time while the client neither closes nor sends', async () => {
    const response = okResponse('short');
    const origin = await startFixedOrigin(response);
    const log = awaitableLog();
    const proxy = await startTestProxy({ originIdleTimeoutMs: IDLE_MS, log: log.sink });
    const sentAt = performance.now();
    const client = connectSilentReader(
      proxy.port,
      `GET http://127.0.0.1:${origin.port}/short HTTP/1.0\r\n\r\n`,
      true,
    );
    const chunks: Buffer[] = [];
    client.on('data', (chunk: Buffer) => chunks.push(chunk));
    await new Promise((resolve) => client.once('end', resolve));
    expect(Buffer.concat(chunks)).toEqual(response);
    await log.line(1);
    // The linger time is min(2 s, the idle timeout): the proxy may not let go sooner.
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(IDLE_MS);
  });

  it('gives a relay whose client stopped reading the idle timeout, then drops both connections', async () => {
    const block = Buffer.alloc(64 * 1024, 0x78);
    let originClosed!: Promise<void>;
    const origin = await startOrigin((socket) => {
      originClosed = new Promise((resolve) => socket.once('close', () => resolve()));
      const pump = (): void => {
        while (!socket.destroyed && socket.write(block));
      };
      socket.on('drain', pump);
      socket.write('HTTP/1.0 200 OK\r\n\r\n');
      pump();
    });
    const log = awaitableLog();
    const proxy = await startTestProxy({ originIdleTimeoutMs: IDLE_MS, log: log.sink });
    const sentAt = performance.now();
    connectSilentReader(proxy.port, `GET http://127.0.0.1:${origin.port}/endless HTTP/1.0\r\n\r\n`).pause();
    const line = await log.line(1);
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(IDLE_MS);
    expect(line).toContain(`(client read nothing for ${IDLE_MS} ms)`);
    await originClosed;
  });
});
