import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { USER_AGENT } from '../src/http/forward-head.js';
import { expectSameBytes } from './support/bytes.js';
import { fetchViaProxy, sendRaw, statusLineOf } from './support/clients.js';
import {
  binaryBytes,
  okResponse,
  startFixedOrigin,
  startOrigin,
  type TestOrigin,
} from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

const IDLE_MS = 300;

async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An origin that streams 64 KiB blocks until its client goes away. */
function startEndlessOrigin(): Promise<TestOrigin> {
  const block = Buffer.alloc(64 * 1024, 0x78);
  return startOrigin((socket) => {
    const pump = (): void => {
      while (!socket.destroyed && socket.write(block));
    };
    socket.on('drain', pump);
    socket.write('HTTP/1.0 200 OK\r\n\r\n');
    pump();
  });
}

/** Reads the first chunk of a response, then drops the connection. */
function abortAfterFirstChunk(proxyPort: number, url: string): Promise<void> {
  return new Promise((resolve) => {
    const client = connect(proxyPort, '127.0.0.1', () => client.write(`GET ${url} HTTP/1.0\r\n\r\n`));
    client.on('error', () => {});
    client.once('data', () => client.destroy());
    client.on('close', () => resolve());
  });
}

/** Requests `url` but reads nothing for a while, then everything. */
function fetchSlowly(proxyPort: number, url: string, pauseMs: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const client = connect(proxyPort, '127.0.0.1', () => client.write(`GET ${url} HTTP/1.0\r\n\r\n`));
    client.pause();
    setTimeout(() => client.resume(), pauseMs);
    client.on('data', (chunk: Buffer) => chunks.push(chunk));
    client.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

describe('origin connections on reused sockets', () => {
  it('keeps every exchange exact however the ones before it on the same sockets ended', async () => {
    const small = okResponse('small body');
    const large = okResponse(binaryBytes(300_000, 9), 'image/png');
    const smallOrigin = await startFixedOrigin(small);
    const largeOrigin = await startFixedOrigin(large);
    const emptyOrigin = await startOrigin((socket) => socket.end());
    const resettingOrigin = await startOrigin((socket) => {
      socket.write('HTTP/1.0 200 OK\r\nContent-length: 9999\r\n\r\npartial');
      setImmediate(() => socket.resetAndDestroy());
    });
    const stallingOrigin = await startOrigin((socket) => socket.write('HTTP/1.0 200 OK\r\n\r\nstall'));
    const endlessOrigin = await startEndlessOrigin();
    const refusedPort = await findClosedPort();
    const proxy = await startTestProxy({ cacheEnabled: false, originIdleTimeoutMs: IDLE_MS });
    const at = (origin: TestOrigin, path: string) => `http://127.0.0.1:${origin.port}${path}`;

    let smallCount = 0;
    const fetchSmall = async (): Promise<void> => {
      smallCount += 1;
      expect(await fetchViaProxy(proxy.port, at(smallOrigin, `/s${smallCount}`))).toEqual(small);
      expect(smallOrigin.heads.at(-1)).toBe(
        `GET /s${smallCount} HTTP/1.0\r\nHost: 127.0.0.1:${smallOrigin.port}\r\nUser-Agent: ${USER_AGENT}\r\n` +
          'Connection: close\r\nProxy-Connection: close\r\n\r\n',
      );
    };

    for (let round = 0; round < 2; round += 1) {
      await fetchSmall();
      expectSameBytes(await fetchViaProxy(proxy.port, at(largeOrigin, '/large')), large);
      await fetchSmall();
      expect(statusLineOf(await fetchViaProxy(proxy.port, at(emptyOrigin, '/')))).toBe(
        'HTTP/1.0 502 Bad Gateway',
      );
      await fetchSmall();
      const cut = await sendRaw(proxy.port, `GET ${at(resettingOrigin, '/')} HTTP/1.0\r\n\r\n`);
      expect(cut.bytes.toString('latin1')).toContain('partial');
      await fetchSmall();
      const stalled = await sendRaw(proxy.port, `GET ${at(stallingOrigin, '/')} HTTP/1.0\r\n\r\n`);
      expect(stalled.bytes.toString('latin1')).toBe('HTTP/1.0 200 OK\r\n\r\nstall');
      await fetchSmall();
      await abortAfterFirstChunk(proxy.port, at(endlessOrigin, '/endless'));
      await fetchSmall();
      const refused = await fetchViaProxy(proxy.port, `http://127.0.0.1:${refusedPort}/`);
      expect(statusLineOf(refused)).toBe('HTTP/1.0 502 Bad Gateway');
      await fetchSmall();
      expectSameBytes(await fetchSlowly(proxy.port, at(largeOrigin, '/slow'), 200), large);
      await fetchSmall();
    }
    // Alternating origins: a reused socket always reaches the origin this exchange asked for.
    for (let i = 0; i < 10; i += 1) {
      await fetchSmall();
      expectSameBytes(await fetchViaProxy(proxy.port, at(largeOrigin, `/l${i}`)), large);
    }
    expect(largeOrigin.heads.at(-1)).toContain(`GET /l9 HTTP/1.0\r\nHost: 127.0.0.1:${largeOrigin.port}\r\n`);
  });

  it('gives concurrent exchanges each its own response while sockets are reused among them', async () => {
    const origins = await Promise.all(
      [1, 2, 3].map((n) =>
        startOrigin((socket, head) => socket.end(okResponse(`${n} ${head.split(' ')[1]}`))),
      ),
    );
    const proxy = await startTestProxy({ cacheEnabled: false });
    for (let wave = 0; wave < 3; wave += 1) {
      const urls = Array.from({ length: 30 }, (_, i) => {
        const origin = origins[i % 3] as TestOrigin;
        return {
          n: (i % 3) + 1,
          path: `/w${wave}-${i}`,
          url: `http://127.0.0.1:${origin.port}/w${wave}-${i}`,
        };
      });
      const replies = await Promise.all(urls.map(({ url }) => fetchViaProxy(proxy.port, url)));
      replies.forEach((reply, i) => {
        const { n, path } = urls[i] as { n: number; path: string };
        expect(reply).toEqual(okResponse(`${n} ${path}`));
      });
    }
  });
});
