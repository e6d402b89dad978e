import { readFileSync } from 'node:fs';
import { findFreePort, waitForListening } from '../process/port-probe.js';
import { type ProcessLimits, spawnGroup } from '../process/process-group.js';
import { exitText } from '../process/exit-text.js';
import type { Bilingual } from '../types.js';
import type { StudentProcess, StudentSpawner } from './jailed.js';
import type { StartResult, StartedTarget } from './target.js';

export interface ProcessLaunch {
  /** argv, or a shell line, with the port filled in */
  command: (port: number) => string[] | { shell: string };
  cwd?: string;
  limits?: ProcessLimits;
  env?: NodeJS.ProcessEnv;
  /** starts the command some other way (jailed); cwd, limits and env are then the spawner's business */
  spawn?: StudentSpawner;
}

/** How long a stopped proxy may take to obey SIGTERM before its group is killed. */
const STOP_GRACE_MS = 250;

/** Starts a proxy process in its own group on a free port and waits until the port listens. */
export async function startProcessTarget(
  launch: ProcessLaunch,
  options: { startupTimeoutMs: number; log: (line: string) => void },
): Promise<StartResult> {
  const port = await findFreePort();
  const child: StudentProcess = launch.spawn
    ? await launch.spawn(launch.command(port), 'the proxy')
    : spawnGroup(launch.command(port), { cwd: launch.cwd, limits: launch.limits, env: launch.env });
  options.log(`started pid ${child.pid} for port ${port}`);
  const state = await waitForListening('127.0.0.1', port, {
    timeoutMs: options.startupTimeoutMs,
    gaveUp: () => child.exited() !== undefined,
  });
  if (state !== 'ready') {
    const crash = child.exited();
    await child.kill(200);
    const outputTail = child.output.tail(20);
    const hits = child.limitHits?.() ?? [];
    const reason: Bilingual = crash
      ? {
          en: `The proxy exited before opening port ${port} (${
            crash.signal ? exitText(crash).en : `exit code ${crash.exitCode}`
          }).${hits.map((hit) => ` ${capitalize(hit)}`).join('')}`,
          ko: `프록시가 포트 ${port}를 열기 전에 끝났습니다(${exitText(crash).ko}).${hits.map((hit) => ` ${hit}`).join('')}`,
        }
      : {
          en: `The proxy never opened port ${port} within ${options.startupTimeoutMs} ms (is it listening on argv[1]?).`,
          ko: `프록시가 ${options.startupTimeoutMs} ms 안에 포트 ${port}를 열지 않았습니다(argv[1]로 받은 포트에서 listen하나요?).`,
        };
    return { ok: false, reason, crash, outputTail };
  }
  const pid = child.commandPid?.() ?? child.pid;
  if (pid !== child.pid) options.log(`the proxy itself is pid ${pid}`);
  const started: StartedTarget = {
    endpoint: { host: '127.0.0.1', port },
    pid,
    exited: () => child.exited(),
    isAlive: async () => {
      if (child.exited() !== undefined) return false;
      if (commandRunning(pid)) return true;
      // the proxy is exiting or gone, and its exit event (through bwrap, when jailed) comes a moment later: wait
      // for it, so the crash is counted against the check that was running, not the next one
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([child.exit, new Promise((done) => (timer = setTimeout(done, 5000)))]);
      clearTimeout(timer);
      return child.exited() === undefined;
    },
    outputTail: () => child.output.tail(20),
    // a proxy is restarted for every suite: one that ignores SIGTERM gets SIGKILL after a short grace
    stop: () => child.kill(STOP_GRACE_MS),
  };
  return { ok: true, started };
}

/**
 * Whether `pid` is a live process: not gone, not a zombie, and not exiting (the kernel sets PF_EXITING in the
 * task's flags as it starts to exit, before the descriptors close and long before the parent hears of it). True
 * where /proc cannot tell (not Linux): the leader's exit event decides there.
 */
function commandRunning(pid: number): boolean {
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const PF_EXITING = 0x4;
    return !/^[ZX]/.test(fields[0] ?? '') && (Number(fields[6]) & PF_EXITING) === 0;
  } catch {
    return false;
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
