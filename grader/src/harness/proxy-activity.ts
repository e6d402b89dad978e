// What a proxy process is doing right now, read from the kernel: its open TCP exchanges and its CPU time.
import { readdir, readFile, readlink } from 'node:fs/promises';
import { readCommand } from '../process/run-quick.js';

/** Open connections of the proxy: on its listening port (clients) and the sockets it opened itself (origins). */
export interface ProxyConnections {
  /** accepted client connections not closed by the proxy (ESTABLISHED or CLOSE_WAIT on its port) */
  clients: number;
  /** connections the proxy opened that are still live (SYN_SENT or ESTABLISHED, i.e. the origin has not closed) */
  origins: number;
}

interface SocketRow {
  state: string;
  localPort: number;
  peerPort: number;
  inode: string;
}

const portOf = (address: string, radix = 10) =>
  Number.parseInt(address.slice(address.lastIndexOf(':') + 1), radix);

const SS_STATES = ['established', 'close-wait', 'syn-sent'];
const PROC_STATES: Record<string, string> = { '01': 'ESTAB', '02': 'SYN-SENT', '08': 'CLOSE-WAIT' };

/** Open TCP sockets of the machine (or namespace) with their state, ports and inode; undefined off Linux. */
export async function openSockets(): Promise<SocketRow[] | undefined> {
  const args = ['-Htne', ...SS_STATES.flatMap((s) => ['state', s])];
  const fromSs = await readCommand(['ss', ...args], { timeoutMs: 5000, maxBufferBytes: 16 << 20 });
  if (fromSs !== undefined) {
    return fromSs.split('\n').flatMap((line) => {
      const fields = line.trim().split(/\s+/);
      const inode = /ino:(\d+)/.exec(line)?.[1];
      const [state, , , local, peer] = fields;
      if (!inode || !state || !local || !peer) return [];
      return [{ state, localPort: portOf(local), peerPort: portOf(peer), inode }];
    });
  }
  const rows: SocketRow[] = [];
  let seen = false;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const table = await readFile(file, 'latin1').catch(() => undefined);
    if (table === undefined) continue;
    seen = true;
    for (const row of table.split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      const state = PROC_STATES[fields[3] ?? ''];
      const [, local, peer] = fields;
      if (!state || !local || !peer || !fields[9]) continue;
      rows.push({ state, localPort: portOf(local, 16), peerPort: portOf(peer, 16), inode: fields[9] });
    }
  }
  return seen ? rows : undefined;
}

/** Inodes of the sockets process `pid` holds open (its threads share them); empty when /proc is unreadable. */
async function socketInodes(pid: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  await Promise.all(
    fds.map(async (fd) => {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode) inodes.add(inode);
    }),
  );
  return inodes;
}

/** How many sockets process `pid` holds (its listener included); undefined when /proc is unreadable. */
export async function socketCount(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => undefined);
  if (!fds) return undefined;
  return (await socketInodes(pid)).size;
}

/**
 * Counts the proxy's open exchanges: client sockets on `port` it has not closed (any process, so forked children
 * count too) and origin sockets of process `pid` the origin has not closed. An origin socket in CLOSE_WAIT (the
 * origin closed, the proxy never did) is a leak, not work in progress, and is not counted. Undefined off Linux.
 */
export async function proxyConnections(
  port: number,
  pid: number | undefined,
): Promise<ProxyConnections | undefined> {
  const [rows, inodes] = await Promise.all([
    openSockets(),
    pid === undefined ? new Set<string>() : socketInodes(pid),
  ]);
  if (!rows) return undefined;
  let clients = 0;
  let origins = 0;
  for (const row of rows) {
    if (row.localPort === port) clients++;
    else if (inodes.has(row.inode) && row.state !== 'CLOSE-WAIT') origins++;
  }
  return { clients, origins };
}

/** CPU time (user + system, all threads) process `pid` has used, in ms; undefined when unreadable. */
export async function cpuTimeMs(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'latin1').catch(() => undefined);
  if (!stat) return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[11], fields[12]: utime and stime in clock ticks (USER_HZ, 100 on Linux)
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * 10 : undefined;
}

/** How many threads of process `pid` are running or runnable right now (state R); undefined when unreadable. */
export async function runnableThreads(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => undefined);
  if (!tasks) return undefined;
  const states = await Promise.all(
    tasks.map((task) => readFile(`/proc/${pid}/task/${task}/stat`, 'latin1').catch(() => '')),
  );
  return states.filter((stat) => stat.slice(stat.lastIndexOf(')') + 2).startsWith('R')).length;
}

/**
 * Waits (bounded, polling) until the proxy has no open exchange left. 'quiet', 'busy' when it still had some at
 * the deadline (with the last counts), 'unknown' where the OS cannot tell, 'gave-up' when `gaveUp()` said so.
 */
export async function waitUntilQuiet(
  port: number,
  pid: number | undefined,
  options: {
    timeoutMs: number;
    gaveUp: () => boolean;
    intervalMs?: number;
    /** sockets the idle process holds (its listener): at or below it, it holds no exchange — no need to ask ss */
    idleSockets?: number;
  },
): Promise<{ state: 'quiet' | 'busy' | 'unknown' | 'gave-up'; open?: ProxyConnections }> {
  const deadline = performance.now() + options.timeoutMs;
  let open: ProxyConnections | undefined;
  for (;;) {
    if (options.gaveUp()) return { state: 'gave-up', open };
    const held = options.idleSockets === undefined ? undefined : await socketCount(pid);
    if (held !== undefined && options.idleSockets !== undefined && held <= options.idleSockets) {
      return { state: 'quiet', open: { clients: 0, origins: 0 } };
    }
    open = await proxyConnections(port, pid);
    if (!open) return { state: 'unknown' };
    if (open.clients === 0 && open.origins === 0) return { state: 'quiet', open };
    if (performance.now() >= deadline) return { state: 'busy', open };
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
  }
}
