import { CountWaiter, type WaitOptions } from '../count-waiter.js';
import { extendOrigin, type OriginServer, startOriginServer } from './origin-server.js';

/** An origin that accepts connections and then does nothing at all: never reads, never answers. */
export interface NopOrigin extends OriginServer {
  /** Resolves true once `n` connections were accepted, false when the wait is given up. */
  waitForConnections(n: number, options?: WaitOptions): Promise<boolean>;
}

export async function startNopOrigin(): Promise<NopOrigin> {
  const accepted = new CountWaiter();
  const server = await startOriginServer((socket) => {
    socket.pause();
    accepted.increment();
  });
  return extendOrigin(server, {
    waitForConnections: (n: number, options?: WaitOptions) => accepted.waitFor(n, options),
  });
}
