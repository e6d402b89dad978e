import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  MAX_IDLE_ORIGIN_SOCKETS,
  type OriginConnection,
  type OriginListener,
  OriginPool,
} from './origin-pool.js';

/** An origin on 127.0.0.1 that answers every connection with `reply` (or leaves it open when undefined). */
async function startOrigin(reply: string | undefined): Promise<{ port: number; accepted: Socket[] }> {
  const accepted: Socket[] = [];
  const server: Server = createServer((socket) => {
    accepted.push(socket);
    socket.on('error', () => {});
    if (reply !== undefined) socket.end(reply);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of accepted) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, accepted };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function trackedPool() {
  const open = new Set<Socket>();
  const pool = new OriginPool({
    track: (socket) => open.add(socket),
    untrack: (socket) => open.delete(socket),
  });
  return { pool, open };
}

/** Opens one connection that behaves as a relay would: collect, and finish() when the origin ends. */
function fetchOnce(
  pool: OriginPool,
  port: number,
  options: { pauseAtData?: boolean } = {},
): Promise<{ connection: OriginConnection; received: string; error?: string }> {
  return new Promise((resolve) => {
    let received = '';
    let error: string | undefined;
    let connection!: OriginConnection;
    const listener: OriginListener = {
      onOriginConnect: () => connection.socket.write('GET / HTTP/1.0\r\n\r\n'),
      onOriginData: (chunk) => {
        received += chunk.toString('latin1');
        if (!options.pauseAtData) return true;
        // Stops reading, then is finished before the origin's end was read: not a clean end.
        setImmediate(() => connection.finish());
        return false;
      },
      onOriginEnd: () => connection.finish(),
      onOriginError: (cause) => {
        error = (cause as NodeJS.ErrnoException).code;
      },
      onOriginClose: () => resolve({ connection, received, ...(error ? { error } : {}) }),
    };
    connection = pool.open('127.0.0.1', port, listener);
  });
}

describe('OriginPool', () => {
  it('connects a socket again once its previous connection was ended cleanly by the origin', async () => {
    const origin = await startOrigin('one reply');
    const { pool, open } = trackedPool();
    const first = await fetchOnce(pool, origin.port);
    expect(first.received).toBe('one reply');
    expect(pool.idleCount).toBe(1);
    expect(open.size).toBe(0);
    const second = await fetchOnce(pool, origin.port);
    expect(second.connection).toBe(first.connection);
    expect(second.received).toBe('one reply');
    expect(origin.accepted).toHaveLength(2);
  });

  it('does not keep a socket whose connection failed, was destroyed, or finished while reading was stopped', async () => {
    const { pool } = trackedPool();
    expect((await fetchOnce(pool, await closedPort())).error).toBe('ECONNREFUSED');
    const silent = await startOrigin(undefined);
    const destroyed = new Promise<void>((resolve) => {
      const connection = pool.open('127.0.0.1', silent.port, {
        onOriginConnect: () => connection.destroy(),
        onOriginData: () => true,
        onOriginEnd: () => {},
        onOriginError: () => {},
        onOriginClose: () => resolve(),
      });
    });
    await destroyed;
    const origin = await startOrigin('paused reply');
    expect((await fetchOnce(pool, origin.port, { pauseAtData: true })).received).toBe('paused reply');
    expect(pool.idleCount).toBe(0);
  });

  it('keeps at most a fixed number of idle sockets', async () => {
    const origin = await startOrigin('r');
    const { pool } = trackedPool();
    const count = MAX_IDLE_ORIGIN_SOCKETS + 3;
    await Promise.all(Array.from({ length: count }, () => fetchOnce(pool, origin.port)));
    expect(origin.accepted).toHaveLength(count);
    expect(pool.idleCount).toBe(MAX_IDLE_ORIGIN_SOCKETS);
  });
});
