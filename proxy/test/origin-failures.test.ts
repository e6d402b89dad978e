import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fetchViaProxy, sendRaw, statusLineOf } from './support/clients.js';
import { okResponse, startFixedOrigin, startOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

/** A port nothing listens on: bound once by us, then released. */
async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * An origin whose accept queue is full, so new connections hang in SYN: a child process listens with a
 * backlog of 1 and then blocks its event loop (without spinning), and two connections fill the queue.
 */
async function startUnacceptingOrigin(): Promise<number> {
  const code = `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(server.address().port + '\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
    });`;
  const child = spawn(process.execPath, ['-e', code], {
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => resolve(Number(data.toString().trim())));
    child.once('exit', (exitCode) => reject(new Error(`the unaccepting origin exited early (${exitCode})`)));
  });
  for (let i = 0; i < 2; i += 1) {
    const filler: Socket = connect(port, '127.0.0.1');
    onTestFinished(() => {
      filler.destroy();
    });
    await new Promise((resolve, reject) => filler.once('connect', resolve).once('error', reject));
  }
  return port;
}

async function expectProxyStillWorks(proxyPort: number): Promise<void> {
  const response = okResponse('alive');
  const origin = await startFixedOrigin(response);
  expect(await fetchViaProxy(proxyPort, `http://127.0.0.1:${origin.port}/alive`)).toEqual(response);
}

describe('origin failures', () => {
  it('answers 502 when the origin refuses the connection', async () => {
    const proxy = await startTestProxy();
    const reply = await fetchViaProxy(proxy.port, `http://127.0.0.1:${await findClosedPort()}/`);
    expect(statusLineOf(reply)).toBe('HTTP/1.0 502 Bad Gateway');
    await expectProxyStillWorks(proxy.port);
  });

  it('answers 502 when the origin name does not resolve (.invalid never does, RFC 6761)', async () => {
    const proxy = await startTestProxy();
    const reply = await fetchViaProxy(proxy.port, 'http://no-such-origin.invalid/');
    expect(statusLineOf(reply)).toBe('HTTP/1.0 502 Bad Gateway');
    expect(reply.toString('latin1')).toContain('could not be resolved');
  });

  it('answers 502 when the origin closes or resets without sending anything', async () => {
    const closing = await startOrigin((socket) => socket.end());
    const resetting = await startOrigin((socket) => socket.resetAndDestroy());
    const proxy = await startTestProxy();
    for (const origin of [closing, resetting]) {
      const reply = await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/`);
      expect(statusLineOf(reply)).toBe('HTTP/1.0 502 Bad Gateway');
    }
  });

  it('answers 504 when the origin accepts but never answers within the idle timeout', async () => {
    const origin = await startOrigin(() => {});
    const proxy = await startTestProxy({ originIdleTimeoutMs: 300 });
    const reply = await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/`);
    expect(statusLineOf(reply)).toBe('HTTP/1.0 504 Gateway Timeout');
    await expectProxyStillWorks(proxy.port);
  });

  it('answers 504 when the origin does not accept the connection within the connect timeout', async () => {
    const port = await startUnacceptingOrigin();
    const proxy = await startTestProxy({ originConnectTimeoutMs: 500 });
    const reply = await fetchViaProxy(proxy.port, `http://127.0.0.1:${port}/`);
    expect(statusLineOf(reply)).toBe('HTTP/1.0 504 Gateway Timeout');
    expect(reply.toString('latin1')).toContain('did not accept a connection within 500 ms');
  });

  it('passes on the bytes sent so far, then closes, when the origin resets mid-body', async () => {
    const partial = 'HTTP/1.0 200 OK\r\nContent-length: 1000\r\n\r\nfirst part';
    let resetOrigin!: () => void;
    const origin = await startOrigin((socket) => {
      if (origin.heads.length > 1) {
        socket.end(okResponse('whole'));
        return;
      }
      socket.write(partial);
      resetOrigin = () => socket.resetAndDestroy();
    });
    const proxy = await startTestProxy();
    const url = `http://127.0.0.1:${origin.port}/cut`;
    const reply = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      const client = connect(proxy.port, '127.0.0.1', () => client.write(`GET ${url} HTTP/1.0\r\n\r\n`));
      client.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        // Reset only once the partial response has reached us, so what "so far" means is certain.
        if (Buffer.concat(chunks).length === partial.length) resetOrigin();
      });
      client.on('error', () => {});
      client.on('close', () => resolve(Buffer.concat(chunks)));
    });
    expect(reply.toString('latin1')).toBe(partial);
    // The truncated object was not cached: the next request goes to the origin again.
    expect(await fetchViaProxy(proxy.port, url)).toEqual(okResponse('whole'));
    expect(origin.heads).toHaveLength(2);
  });

  it('closes the client when the origin stalls mid-body past the idle timeout', async () => {
    const partial = 'HTTP/1.0 200 OK\r\n\r\nsome of it';
    let originClosed!: Promise<void>;
    const origin = await startOrigin((socket) => {
      originClosed = new Promise((resolve) => socket.on('close', () => resolve()));
      socket.write(partial);
    });
    const proxy = await startTestProxy({ originIdleTimeoutMs: 300 });
    const reply = await sendRaw(proxy.port, `GET http://127.0.0.1:${origin.port}/ HTTP/1.0\r\n\r\n`);
    expect(reply.bytes.toString('latin1')).toBe(partial);
    await originClosed; // the proxy let go of the stalled origin connection too
  });
});
