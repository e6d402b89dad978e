import net from 'node:net';
import { CountWaiter, type WaitOptions } from '../../../harness/count-waiter.js';
import { endsHead } from '../../../harness/origins/recording-origin.js';
import { whenRequestLine } from '../../../harness/origins/request-gate.js';

export interface HeldOrigin {
  readonly host: string;
  readonly port: number;
  url(path: string): string;
  /** Request heads received so far. */
  readonly requestCount: number;
  /** Resolves true once `count` request heads have arrived, false when the wait is given up. */
  waitForRequests(count: number, options?: WaitOptions): Promise<boolean>;
  close(): Promise<void>;
}

export interface HeldOriginOptions {
  /** Hold every answer until this many requests have arrived… */
  holdUntilRequests: number;
  /** …or until this long after the first one arrived, whichever comes first. */
  maxHoldMs: number;
}

/**
 * An origin that answers every request with `response`, but holds the first answers until `holdUntilRequests`
 * requests are waiting (or `maxHoldMs` passed): simultaneous misses of one object overlap for certain.
 */
export async function startHeldOrigin(response: Buffer, options: HeldOriginOptions): Promise<HeldOrigin> {
  const sockets = new Set<net.Socket>();
  const waiting: net.Socket[] = [];
  const requests = new CountWaiter();
  let released = false;
  let holdTimer: NodeJS.Timeout | undefined;
  const release = () => {
    released = true;
    clearTimeout(holdTimer);
    for (const socket of waiting.splice(0)) socket.end(response);
  };
  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => {});
    whenRequestLine(raw, (socket) => hold(socket));
  });
  const hold = (socket: net.Socket) => {
    let head = Buffer.alloc(0);
    let complete = false;
    socket.on('data', (chunk: Buffer) => {
      if (complete) return;
      head = Buffer.concat([head, chunk]);
      complete = endsHead(head);
      if (!complete) return;
      requests.increment();
      if (released) return void socket.end(response);
      waiting.push(socket);
      holdTimer ??= setTimeout(release, options.maxHoldMs);
      if (requests.count >= options.holdUntilRequests) release();
    });
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    get requestCount() {
      return requests.count;
    },
    waitForRequests: (count, waitOptions) => requests.waitFor(count, waitOptions),
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearTimeout(holdTimer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}
