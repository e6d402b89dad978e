import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import {
  countOpenFds,
  getRaw,
  splitResponse,
  useTempDir,
  useTiny,
  waitUntil,
} from './test-support/tiny-harness.js';

const BIG_BYTES = 8 * 1024 * 1024;

function makeBigFile(): Buffer {
  const big = Buffer.alloc(BIG_BYTES);
  for (let i = 0; i < big.length; i += 4) big.writeUInt32LE(i, i);
  return big;
}

/** Requests `uri`, then abandons the connection after the first chunk: close (`destroy`) or RST. */
function abandonMidResponse(port: number, uri: string, how: 'destroy' | 'reset'): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    socket.once('data', () => {
      if (how === 'reset') socket.resetAndDestroy();
      else socket.destroy();
    });
    socket.on('close', () => resolve());
    socket.write(`GET ${uri} HTTP/1.0\r\n\r\n`);
  });
}

test('clients that close or reset mid-file neither hurt the next request nor leak descriptors', async () => {
  const root = await useTempDir();
  const big = makeBigFile();
  await writeFile(join(root, 'big.bin'), big);
  await writeFile(join(root, 'small.txt'), 'small\n');
  const lines: string[] = [];
  const tiny = await useTiny({ root, log: (line) => lines.push(line) });
  await getRaw(tiny.port, '/small.txt');
  const baselineFds = countOpenFds();

  for (const how of ['destroy', 'reset', 'destroy', 'reset', 'destroy', 'reset'] as const) {
    await abandonMidResponse(tiny.port, '/big.bin', how);
  }
  const { head, body } = splitResponse(await getRaw(tiny.port, '/big.bin'));
  expect(head).toContain(`\r\nContent-length: ${BIG_BYTES}\r\n`);
  expect(body.equals(big)).toBe(true);

  await waitUntil('every connection is logged', () => lines.length === 8);
  await waitUntil(`open fds return to the baseline of ${baselineFds}`, () => countOpenFds() <= baselineFds);
});

test('a reader that pauses mid-file gets every byte once it resumes', async () => {
  const root = await useTempDir();
  await writeFile(join(root, 'big.bin'), makeBigFile());
  const tiny = await useTiny({ root });
  const socket = connect({ host: '127.0.0.1', port: tiny.port });
  socket.on('error', () => {});
  const received = await new Promise<number>((resolve) => {
    let bytes = 0;
    const countUntilPause = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > 64 * 1024) {
        socket.off('data', countUntilPause);
        socket.pause();
        resolve(bytes);
      }
    };
    socket.on('data', countUntilPause);
    socket.write('GET /big.bin HTTP/1.0\r\n\r\n');
  });
  expect(received).toBeGreaterThan(0);
  const rest = await new Promise<number>((resolve) => {
    let bytes = received;
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    socket.on('end', () => resolve(bytes));
    socket.resume();
  });
  expect(rest).toBeGreaterThan(BIG_BYTES);
  socket.destroy();
  const next = await getRaw(tiny.port, '/big.bin');
  expect(next.length).toBe(rest);
});

/** The read offset of this process's open descriptor on `fileName`, or undefined when none is open. */
function readOffsetOf(fileName: string): number | undefined {
  for (const fd of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue;
    }
    if (!target.endsWith(`/${fileName}`)) continue;
    const match = /^pos:\s+(\d+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8'));
    if (match) return Number(match[1]);
  }
  return undefined;
}

test('a client that stops reading stops the server reading the file (backpressure)', async () => {
  // 64 MiB: more than loopback socket buffers can absorb (at most ~36 MiB here), so a server that read
  // ahead without backpressure would reach the end of the file.
  const sizeBytes = 64 * 1024 * 1024;
  const root = await useTempDir();
  const file = await open(join(root, 'huge.bin'), 'w');
  const mebibyte = makeBigFile().subarray(0, 1024 * 1024);
  for (let i = 0; i < 64; i++) await file.write(mebibyte);
  await file.close();
  const tiny = await useTiny({ root });
  const socket = connect({ host: '127.0.0.1', port: tiny.port });
  onTestFinished(() => socket.destroy());
  socket.on('error', () => {});
  socket.once('data', () => socket.pause());
  socket.write('GET /huge.bin HTTP/1.0\r\n\r\n');

  await waitUntil('the server has huge.bin open', () => readOffsetOf('huge.bin') !== undefined);
  let offset = readOffsetOf('huge.bin');
  let stableReads = 0;
  await waitUntil('the server stops reading', () => {
    const now = readOffsetOf('huge.bin');
    stableReads = now === offset ? stableReads + 1 : 0;
    offset = now;
    return stableReads >= 10;
  });
  expect(offset).toBeDefined();
  expect(offset!).toBeGreaterThan(0);
  expect(offset!).toBeLessThan(sizeBytes);
});
