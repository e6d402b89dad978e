import { CountWaiter, type WaitOptions } from '../count-waiter.js';
import { buildOriginResponse, makeOriginToken } from './origin-response.js';
import { extendOrigin, type OriginServer, startOriginServer } from './origin-server.js';
import { readRequestHead } from './request-head.js';

export interface BarrierOriginOptions {
  /** How many request heads must arrive before any is answered. */
  parties: number;
  /** Size of each response body. @default 0 (just the line naming the path) */
  bodyBytes?: number;
}

/**
 * An origin that answers nothing until `parties` request heads have arrived, then answers them all. A proxy
 * that handles one exchange at a time can never fill it.
 */
export interface BarrierOrigin extends OriginServer {
  /** Request heads received so far. */
  readonly arrived: number;
  /** Paths received, in arrival order. */
  readonly arrivedPaths: readonly string[];
  /** True once the barrier opened. */
  readonly opened: boolean;
  waitForArrivals(n: number, options?: WaitOptions): Promise<boolean>;
  responseFor(path: string): Buffer;
}

export async function startBarrierOrigin(options: BarrierOriginOptions): Promise<BarrierOrigin> {
  const token = makeOriginToken();
  const responseFor = (path: string) => buildOriginResponse(path, token, options.bodyBytes ?? 0);
  const arrivals = new CountWaiter();
  const arrivedPaths: string[] = [];
  const held: Array<() => void> = [];
  let opened = false;
  const server = await startOriginServer((socket) => {
    readRequestHead(socket, ({ path }) => {
      const answer = () => {
        if (!socket.destroyed) socket.end(responseFor(path));
      };
      arrivedPaths.push(path);
      arrivals.increment();
      if (opened) return answer();
      held.push(answer);
      if (arrivals.count >= options.parties) {
        opened = true;
        for (const release of held.splice(0)) release();
      }
    });
  });
  return extendOrigin(server, {
    get arrived() {
      return arrivals.count;
    },
    arrivedPaths,
    get opened() {
      return opened;
    },
    waitForArrivals: (n: number, wait?: WaitOptions) => arrivals.waitFor(n, wait),
    responseFor,
  });
}
