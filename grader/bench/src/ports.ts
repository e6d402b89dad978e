import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GroupChild } from './process-groups.js';

export const LOOPBACK = '127.0.0.1';

/** A port that was free on 127.0.0.1 a moment ago (the kernel picks it; we release it at once). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function probe(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: LOOPBACK, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Waits until something accepts connections on the port; throws if the child exits or time runs out. */
export async function waitForPort(port: number, child: GroupChild, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`exited (${await child.exited}) before listening on ${port}`);
    if (await probe(port)) return;
    await sleep(50);
  }
  throw new Error(`did not listen on ${LOOPBACK}:${port} within ${timeoutMs} ms`);
}

/** Waits until nothing accepts connections on the port any more. */
export async function waitForPortClosed(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await probe(port))) return true;
    await sleep(50);
  }
  return false;
}
