import { CountWaiter, type WaitOptions } from '../count-waiter.js';
import { buildOriginResponse, makeOriginToken } from './origin-response.js';
import { extendOrigin, type OriginServer, startOriginServer } from './origin-server.js';
import { readRequestHead } from './request-head.js';

/** An origin that holds every response until the check releases it, so the check decides the order. */
export interface ReleaseOrigin extends OriginServer {
  /** Paths of the requests received, in arrival order. */
  readonly arrivedPaths: readonly string[];
  waitForArrivals(n: number, options?: WaitOptions): Promise<boolean>;
  /**
   * Answers the held requests for `paths`, in that order (each response written and ended before the next).
   * Returns the paths that were not held (never arrived, or already released).
   */
  release(paths: readonly string[]): string[];
  responseFor(path: string): Buffer;
}

export async function startReleaseOrigin(options: { bodyBytes?: number } = {}): Promise<ReleaseOrigin> {
  const token = makeOriginToken();
  const responseFor = (path: string) => buildOriginResponse(path, token, options.bodyBytes ?? 0);
  const arrivals = new CountWaiter();
  const arrivedPaths: string[] = [];
  const held = new Map<string, Array<() => void>>();
  const server = await startOriginServer((socket) => {
    readRequestHead(socket, ({ path }) => {
      arrivedPaths.push(path);
      const queue = held.get(path) ?? [];
      queue.push(() => {
        if (!socket.destroyed) socket.end(responseFor(path));
      });
      held.set(path, queue);
      arrivals.increment();
    });
  });
  const release = (paths: readonly string[]) => {
    const missing: string[] = [];
    for (const path of paths) {
      const answer = held.get(path)?.shift();
      if (answer) answer();
      else missing.push(path);
    }
    return missing;
  };
  return extendOrigin(server, {
    arrivedPaths,
    waitForArrivals: (n: number, wait?: WaitOptions) => arrivals.waitFor(n, wait),
    release,
    responseFor,
  });
}
