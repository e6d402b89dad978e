// Shared by the tests: a Tiny on 127.0.0.1:0 with its cleanup registered, temp roots, and a raw client.
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { startTinyServer, type TinyOptions, type TinyServer } from '../index.js';

/** Starts Tiny on an ephemeral loopback port, silent unless `log` is given; closed when the test ends. */
export async function useTiny(options: Partial<TinyOptions> & { root: string }): Promise<TinyServer> {
  const server = await startTinyServer({ host: '127.0.0.1', port: 0, log: false, ...options });
  onTestFinished(() => server.close());
  return server;
}

/** A fresh empty directory, removed when the test ends. */
export async function useTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tiny-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes exact bytes (then half-closes if asked) and returns everything the server sent until it closed. */
export function exchangeRaw(
  port: number,
  request: string | Buffer,
  { halfClose = false, timeoutMs = 15_000 }: { halfClose?: boolean; timeoutMs?: number } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no EOF from Tiny within ${timeoutMs} ms; got ${Buffer.concat(chunks).length} bytes`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      socket.end();
      resolve(Buffer.concat(chunks));
    });
    if (halfClose) socket.end(request);
    else socket.write(request);
  });
}

/** `GET <uri> HTTP/1.0` with one header, the way a proxy forwards it. */
export function getRaw(port: number, uri: string, method = 'GET'): Promise<Buffer> {
  return exchangeRaw(port, `${method} ${uri} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
}

/** Splits a response at the blank line: the head as text, the body as bytes. */
export function splitResponse(response: Buffer): { head: string; body: Buffer } {
  const at = response.indexOf('\r\n\r\n');
  if (at === -1) return { head: response.toString('latin1'), body: Buffer.alloc(0) };
  return { head: response.subarray(0, at + 4).toString('latin1'), body: response.subarray(at + 4) };
}

export function countOpenFds(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Polls `check` every 20 ms until it returns true; fails after `timeoutMs` with `what` in the message. */
export async function waitUntil(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
