import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { expectSameBytes } from './support/bytes.js';
import { fetchViaProxy } from './support/clients.js';
import { binaryBytes, okResponse, startOrigin } from './support/origins.js';
import { startProxyProcess } from './support/proxy-process.js';

const CLIENTS = 500;
const WAVE = 50;
const ABORT_AFTER_BYTES = 64 * 1024;

function countOpenFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Polls (bounded) until the process holds no more descriptors than `limit`; returns the last count. */
async function waitForFdsAtMost(pid: number, limit: number, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = countOpenFds(pid);
  while (count > limit && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    count = countOpenFds(pid);
  }
  return count;
}

/** Starts a download through the proxy and kills the connection once it is well under way. */
function abortMidDownload(proxyPort: number, url: string, withReset: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let received = 0;
    const client = connect(proxyPort, '127.0.0.1', () => client.write(`GET ${url} HTTP/1.0\r\n\r\n`));
    client.on('error', reject);
    client.on('close', () => resolve());
    client.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received < ABORT_AFTER_BYTES || client.destroyed) return;
      if (withReset) client.resetAndDestroy();
      else client.destroy();
    });
  });
}

describe.skipIf(!existsSync('/proc/self/fd'))('clients that abort mid-download', () => {
  it(`${CLIENTS} aborts (half closed, half reset) leave the proxy alive, correct, and holding no extra descriptors`, async () => {
    const large = okResponse(binaryBytes(4 * 1024 * 1024, 9), 'application/octet-stream');
    const small = okResponse('<html>after the storm</html>', 'text/html');
    const origin = await startOrigin((socket, head) =>
      socket.end(head.startsWith('GET /small ') ? small : large),
    );
    const proxy = await startProxyProcess(['--quiet']);
    const baselineFds = countOpenFds(proxy.pid);
    const largeUrl = `http://127.0.0.1:${origin.port}/large`;

    for (let first = 0; first < CLIENTS; first += WAVE) {
      const wave = Array.from({ length: WAVE }, (_, i) =>
        abortMidDownload(proxy.port, largeUrl, (first + i) % 2 === 1),
      );
      await Promise.all(wave);
    }

    expect(proxy.child.exitCode).toBeNull();
    expect(await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/small`)).toEqual(small);
    expectSameBytes(await fetchViaProxy(proxy.port, largeUrl), large);
    expect(await waitForFdsAtMost(proxy.pid, baselineFds)).toBe(baselineFds);
    expect(proxy.stderr()).toBe('');
  });
});
