import { readFile } from 'node:fs/promises';
import net from 'node:net';

/** A port that is free on every local address right now (bind 0, read it, release it). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '0.0.0.0', exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Linux: true when some socket is in LISTEN state on `port` (read from /proc, no connection made);
 *  undefined where /proc/net is not available. */
export async function isListening(port: number): Promise<boolean | undefined> {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let seen = false;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      const table = await readFile(file, 'latin1');
      seen = true;
      for (const row of table.split('\n').slice(1)) {
        const fields = row.trim().split(/\s+/);
        if (fields[1]?.endsWith(hex) && fields[3] === '0A') return true;
      }
    } catch {
      // no such table on this OS
    }
  }
  return seen ? false : undefined;
}

/** True when a TCP connection to host:port succeeds within `timeoutMs` (the connection is closed at once). */
export function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Waits until `port` is listening, polling (a listen-table read where the OS has one, so the proxy never sees a
 * probe connection; a connect otherwise). Gives up when `gaveUp()` says so (the process died) or on timeout.
 */
export async function waitForListening(
  host: string,
  port: number,
  options: { timeoutMs: number; gaveUp: () => boolean; intervalMs?: number },
): Promise<'ready' | 'timeout' | 'gave-up'> {
  const deadline = performance.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 20;
  while (performance.now() < deadline) {
    if (options.gaveUp()) return 'gave-up';
    const local = host === '127.0.0.1' || host === 'localhost' ? await isListening(port) : undefined;
    const ready = local ?? (await canConnect(host, port, Math.max(50, interval * 5)));
    if (ready) return 'ready';
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  return options.gaveUp() ? 'gave-up' : 'timeout';
}

/** TCP states (from /proc/net/tcp) in which the proxy still owes work to a client: ESTABLISHED, CLOSE_WAIT. */
const OPEN_STATES = new Set(['01', '08']);

/** Linux: how many accepted connections on local `port` the proxy has not closed yet; undefined without /proc. */
export async function openConnections(port: number): Promise<number | undefined> {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let seen = false;
  let count = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      const table = await readFile(file, 'latin1');
      seen = true;
      for (const row of table.split('\n').slice(1)) {
        const fields = row.trim().split(/\s+/);
        if (fields[1]?.endsWith(hex) && OPEN_STATES.has(fields[3] ?? '')) count++;
      }
    } catch {
      // no such table on this OS
    }
  }
  return seen ? count : undefined;
}

/**
 * Waits (bounded) until the proxy has closed every client connection of the check that just ended, so that
 * whatever those exchanges do to it (a SIGPIPE on a late write) happens before its liveness is judged.
 */
export async function waitForQuiescence(port: number, options: { timeoutMs: number; gaveUp: () => boolean }) {
  const deadline = performance.now() + options.timeoutMs;
  while (performance.now() < deadline && !options.gaveUp()) {
    const open = await openConnections(port);
    if (open === undefined || open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
