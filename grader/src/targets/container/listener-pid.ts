import { readdir, readFile, readlink } from 'node:fs/promises';
import type { StartedTarget, Target } from '../target.js';

/** Inodes of the TCP sockets listening on `port` in this network namespace (/proc/net/tcp and tcp6). */
async function findListeningInodes(port: number): Promise<Set<string>> {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const table = await readFile(file, 'latin1').catch(() => '');
    for (const row of table.split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      if (fields[1]?.endsWith(hex) && fields[3] === '0A' && fields[9] && fields[9] !== '0')
        inodes.add(fields[9]);
    }
  }
  return inodes;
}

/**
 * The process holding the listening socket on `port`, found through /proc: it must share this grader's network
 * namespace and be visible in its PID namespace (same machine, or compose's `pid: service:...`) and readable
 * (same user, or root). Lowest pid first, so a process that forked after listening is found, not its children.
 */
export async function findListenerPid(port: number): Promise<number | undefined> {
  const inodes = await findListeningInodes(port);
  if (inodes.size === 0) return undefined;
  const pids = (await readdir('/proc').catch(() => []))
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .sort((a, b) => a - b);
  for (const pid of pids) {
    if (pid === process.pid) continue;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (link.startsWith('socket:[') && inodes.has(link.slice(8, -1))) return pid;
    }
  }
  return undefined;
}

/**
 * `--address HOST:PORT --find-pid`: a running proxy whose pid is taken from the process holding its listening
 * socket, so that the checks needing it (open file descriptors) run. For the compose `grader` service, which
 * shares the `proxy` service's network and PID namespaces.
 */
export function withListenerPid(target: Target): Target {
  return {
    ...target,
    notes: [
      {
        en: 'The proxy runs outside the grader: it cannot be restarted after a crash. Its pid is that of the process holding its listening socket (--find-pid).',
        ko: '프록시가 채점기 밖에서 실행됩니다: 죽은 뒤 다시 시작할 수 없습니다. pid는 listen 소켓을 가진 프로세스의 것입니다(--find-pid).',
      },
    ],
    async start(options) {
      const result = await target.start(options);
      if (!result.ok || result.started.pid !== undefined) return result;
      const { started } = result;
      const pid = await findListenerPid(started.endpoint.port);
      options.log(
        pid === undefined
          ? `--find-pid: no visible process holds a socket listening on port ${started.endpoint.port}`
          : `--find-pid: pid ${pid} holds the socket listening on port ${started.endpoint.port}`,
      );
      const withPid: StartedTarget = {
        endpoint: started.endpoint,
        pid,
        exited: () => started.exited(),
        isAlive: () => started.isAlive(),
        outputTail: () => started.outputTail(),
        stop: () => started.stop(),
      };
      return { ok: true, started: withPid };
    },
  };
}
