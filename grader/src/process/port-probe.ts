import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { readCommand } from './run-quick.js';

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

/**
 * Counts TCP sockets on local `port` in the given states, asking the kernel to filter (`ss`, netlink), which stays
 * fast however many TIME_WAIT sockets the machine holds; falls back to reading /proc/net/tcp{,6}. undefined when
 * neither exists (not Linux).
 */
async function countSockets(port: number, states: 'listening' | 'open'): Promise<number | undefined> {
  if (ssWorks !== false) {
    const stateArgs =
      states === 'listening' ? ['-Hltn'] : ['-Htn', 'state', 'established', 'state', 'close-wait'];
    const stdout = await readCommand(['ss', ...stateArgs, '(', 'sport', '=', `:${port}`, ')'], {
      timeoutMs: 5000,
    });
    const counted = stdout?.split('\n').filter((line) => line.trim()).length;
    ssWorks = counted !== undefined;
    if (counted !== undefined) return counted;
  }
  return countFromProc(port, states === 'listening' ? LISTEN_STATES : OPEN_STATES);
}

let ssWorks: boolean | undefined;
const LISTEN_STATES = new Set(['0A']);
/** TCP states in which the proxy still owes work to a client: ESTABLISHED, CLOSE_WAIT. */
const OPEN_STATES = new Set(['01', '08']);

async function countFromProc(port: number, states: Set<string>): Promise<number | undefined> {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let seen = false;
  let count = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      const table = await readFile(file, 'latin1');
      seen = true;
      for (const row of table.split('\n').slice(1)) {
        const fields = row.trim().split(/\s+/);
        if (fields[1]?.endsWith(hex) && states.has(fields[3] ?? '')) count++;
      }
    } catch {
      // no such table on this OS
    }
  }
  return seen ? count : undefined;
}

/** Linux: true when some socket is in LISTEN state on `port` (no connection made); undefined elsewhere. */
export async function isListening(port: number): Promise<boolean | undefined> {
  const count = await countSockets(port, 'listening');
  return count === undefined ? undefined : count > 0;
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

/** Linux: how many accepted connections on local `port` the proxy has not closed yet; undefined elsewhere. */
export function openConnections(port: number): Promise<number | undefined> {
  return countSockets(port, 'open');
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
