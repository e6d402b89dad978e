import net from 'node:net';
import { traceOrigin } from '../timeline.js';
import { whenRequestLine } from './request-gate.js';

/** A loopback server the grader controls: knows its address and can tear down every connection. */
export interface OriginServer {
  readonly host: string;
  readonly port: number;
  /** 'http://127.0.0.1:PORT' + path */
  url(path: string): string;
  /** Connections accepted since start. */
  readonly connectionCount: number;
  /** Destroys every connection and stops listening; safe to call twice. */
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';

/**
 * Listens on 127.0.0.1, port 0, and hands each connection that starts with a request line to `onConnection`. Every socket is tracked so
 * close() can destroy it: a proxy stuck on one of our origins is always released when a check ends.
 */
export async function startOriginServer(onConnection: (socket: net.Socket) => void): Promise<OriginServer> {
  const sockets = new Set<net.Socket>();
  let connectionCount = 0;
  const server = net.createServer({ pauseOnConnect: false }, (socket) => {
    sockets.add(socket);
    const trace = traceOrigin((server.address() as net.AddressInfo | null)?.port ?? 0);
    socket.on('close', () => {
      sockets.delete(socket);
      trace.close('closed');
    });
    // A proxy may reset us at any time; that is data for the check, never a crash of the grader.
    socket.on('error', () => {});
    // only a connection that starts with a request line counts (not garbage sprayed at the port)
    whenRequestLine(socket, (request) => {
      connectionCount++;
      onConnection(request);
    });
  });
  await listenOnLoopback(server);
  const port = (server.address() as net.AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    host: LOOPBACK,
    port,
    url: (path) => `http://${LOOPBACK}:${port}${path}`,
    get connectionCount() {
      return connectionCount;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

/** Binds `server` to 127.0.0.1 on a free port. */
export function listenOnLoopback(server: net.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0, backlog: 511 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** `base` plus origin-specific members, getters included (a spread would freeze them). */
export function extendOrigin<T extends object>(base: OriginServer, extras: T): OriginServer & T {
  return Object.defineProperties(
    {},
    { ...Object.getOwnPropertyDescriptors(base), ...Object.getOwnPropertyDescriptors(extras) },
  ) as OriginServer & T;
}
