import net from 'node:net';
import { buildOriginResponse, makeOriginToken } from './origin-response.js';
import {
  extendOrigin,
  LOOPBACK,
  listenOnLoopback,
  type OriginServer,
  startOriginServer,
} from './origin-server.js';
import { readRequestHead } from './request-head.js';

/** Where a misbehaving origin can be reached, and the exact bytes it sends before misbehaving. */
export interface FaultyOrigin extends OriginServer {
  /** What the origin writes for `path` before it closes or resets (empty for the refusing origin). */
  sentFor(path: string): Buffer;
}

/** A port that was bound and closed again: nothing listens there, so connecting is refused. */
export async function startRefusingOrigin(): Promise<FaultyOrigin> {
  const server = net.createServer();
  await listenOnLoopback(server);
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    host: LOOPBACK,
    port,
    url: (path) => `http://${LOOPBACK}:${port}${path}`,
    connectionCount: 0,
    close: async () => {},
    sentFor: () => Buffer.alloc(0),
  };
}

/** Promised body length of the faulty responses: large enough that a part of it is clearly partial. */
const PROMISED_BODY_BYTES = 4096;

/** An origin that sends the head and part of the body, then resets the connection (RST, not FIN). */
export async function startResettingOrigin(): Promise<FaultyOrigin> {
  const token = makeOriginToken();
  const sentFor = (path: string) => halfOfResponse(buildOriginResponse(path, token, PROMISED_BODY_BYTES));
  const server = await startOriginServer((socket) => {
    readRequestHead(socket, ({ path }) => {
      socket.write(sentFor(path), () => {
        if (!socket.destroyed) socket.resetAndDestroy();
      });
    });
  });
  return extendOrigin(server, { sentFor });
}

export type EarlyCloseMode = 'partial-head' | 'half-body';

/**
 * An origin that closes cleanly (FIN) too early: after part of the response head ('partial-head'), or after
 * half of the body its Content-length promised ('half-body').
 */
export async function startEarlyCloseOrigin(mode: EarlyCloseMode): Promise<FaultyOrigin> {
  const token = makeOriginToken();
  const sentFor = (path: string) => {
    const response = buildOriginResponse(path, token, PROMISED_BODY_BYTES);
    if (mode === 'half-body') return halfOfResponse(response);
    return response.subarray(0, response.indexOf('\r\n') + 12);
  };
  const server = await startOriginServer((socket) => {
    readRequestHead(socket, ({ path }) => socket.end(sentFor(path)));
  });
  return extendOrigin(server, { sentFor });
}

/** The head and the first half of the body. */
function halfOfResponse(response: Buffer): Buffer {
  const bodyStart = response.indexOf('\r\n\r\n') + 4;
  return response.subarray(0, bodyStart + Math.floor((response.length - bodyStart) / 2));
}
