import { buildOriginResponse, makeOriginToken } from './origin-response.js';
import { extendOrigin, type OriginServer, startOriginServer } from './origin-server.js';
import { readRequestHead } from './request-head.js';

export interface SlowOriginOptions {
  /** Bytes written per tick. @default 4 */
  chunkBytes?: number;
  /** Pause between ticks. @default 5 */
  intervalMs?: number;
  /** Size of each response body. @default 256 */
  bodyBytes?: number;
}

/** An origin that answers every request with a valid response, a few bytes at a time. */
export interface SlowOrigin extends OriginServer {
  /** The exact bytes this origin sends for `path`. */
  responseFor(path: string): Buffer;
}

export async function startSlowOrigin(options: SlowOriginOptions = {}): Promise<SlowOrigin> {
  const chunkBytes = Math.max(1, options.chunkBytes ?? 4);
  const intervalMs = options.intervalMs ?? 5;
  const token = makeOriginToken();
  const responseFor = (path: string) => buildOriginResponse(path, token, options.bodyBytes ?? 256);
  const server = await startOriginServer((socket) => {
    readRequestHead(socket, ({ path }) => {
      const response = responseFor(path);
      let offset = 0;
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer);
        socket.write(response.subarray(offset, offset + chunkBytes));
        offset += chunkBytes;
        if (offset >= response.length) {
          clearInterval(timer);
          socket.end();
        }
      }, intervalMs);
      socket.on('close', () => clearInterval(timer));
    });
  });
  return extendOrigin(server, { responseFor });
}
