import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** Bytes queued on one TCP socket: sent but not yet acknowledged (tx), received but not yet read (rx). */
export interface SocketQueues {
  tx: number;
  rx: number;
}

/**
 * Linux: the queues of the established socket with this local and remote port, from /proc/net/tcp and tcp6.
 * Undefined when the table is unavailable or holds no such socket (another network namespace, another OS).
 */
export async function readSocketQueues(
  localPort: number,
  remotePort: number,
): Promise<SocketQueues | undefined> {
  return (await readConnectionQueues(localPort, remotePort)).ours;
}

/** Both ends of one loopback connection, read in a single pass over the tables. */
async function readConnectionQueues(
  localPort: number,
  remotePort: number,
): Promise<{ ours?: SocketQueues; theirs?: SocketQueues }> {
  const local = `:${hexPort(localPort)}`;
  const remote = `:${hexPort(remotePort)}`;
  const found: { ours?: SocketQueues; theirs?: SocketQueues } = {};
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = await readFile(file, 'latin1');
    } catch {
      continue;
    }
    for (const row of table.split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      const [from, to] = [fields[1], fields[2]];
      const side = from?.endsWith(local) && to?.endsWith(remote) ? 'ours' : undefined;
      const other = from?.endsWith(remote) && to?.endsWith(local) ? 'theirs' : undefined;
      const which = side ?? other;
      // Established connections only ('01'): a TIME_WAIT leftover on the same ports says nothing.
      if (which === undefined || found[which] !== undefined || fields[3] !== '01') continue;
      const [tx, rx] = (fields[4] ?? '').split(':').map((hex) => Number.parseInt(hex, 16));
      if (tx !== undefined && rx !== undefined && !Number.isNaN(tx) && !Number.isNaN(rx))
        found[which] = { tx, rx };
    }
    if (found.ours && found.theirs) break;
  }
  return found;
}

function hexPort(port: number): string {
  return port.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Waits (bounded) until the proxy has read everything we sent on one connection — our side has nothing
 * unacknowledged and the proxy's side nothing unread — so whatever thread or loop serves that connection is
 * now blocked waiting for more. 'unknown' when the socket table cannot tell.
 */
export async function waitUntilProxyRead(
  proxyPort: number,
  clientPort: number,
  options: { timeoutMs: number; signal?: AbortSignal; pollMs?: number },
): Promise<'read' | 'unknown' | 'timeout'> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    const { ours, theirs } = await readConnectionQueues(clientPort, proxyPort);
    if (ours === undefined || theirs === undefined) return 'unknown';
    if (ours.tx === 0 && theirs.rx === 0) return 'read';
    if (performance.now() >= deadline || options.signal?.aborted) return 'timeout';
    await delay(options.pollMs ?? 10);
  }
}
