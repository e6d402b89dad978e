import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

/** Bytes queued on one TCP socket: sent but not yet acknowledged (tx), received but not yet read (rx). */
export interface SocketQueues {
  tx: number;
  rx: number;
}

/**
 * Linux: the queues of the socket with this local and remote port, from /proc/net/tcp and tcp6. Undefined when
 * the table is unavailable or holds no such socket (another network namespace, another OS).
 */
export async function readSocketQueues(
  localPort: number,
  remotePort: number,
): Promise<SocketQueues | undefined> {
  const local = `:${hexPort(localPort)}`;
  const remote = `:${hexPort(remotePort)}`;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = await readFile(file, 'latin1');
    } catch {
      continue;
    }
    for (const row of table.split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      if (!fields[1]?.endsWith(local) || !fields[2]?.endsWith(remote)) continue;
      const [tx, rx] = (fields[4] ?? '').split(':').map((hex) => Number.parseInt(hex, 16));
      if (tx === undefined || rx === undefined || Number.isNaN(tx) || Number.isNaN(rx)) return undefined;
      return { tx, rx };
    }
  }
  return undefined;
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
    const ours = await readSocketQueues(clientPort, proxyPort);
    const theirs = await readSocketQueues(proxyPort, clientPort);
    if (ours === undefined || theirs === undefined) return 'unknown';
    if (ours.tx === 0 && theirs.rx === 0) return 'read';
    if (performance.now() >= deadline || options.signal?.aborted) return 'timeout';
    await delay(options.pollMs ?? 10);
  }
}
