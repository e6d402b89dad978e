import { findFreePort, waitForListening } from '../harness/port-probe.js';
import { type ProcessLimits, describeSignal, isProcessGone, spawnGroup } from '../harness/process-group.js';
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
    const reason = crash
      ? `The proxy exited before opening port ${port} (${
          crash.signal ? `killed by ${describeSignal(crash.signal)}` : `exit code ${crash.exitCode}`
        }).${hits.map((hit) => ` ${capitalize(hit)}`).join('')}`
      : `The proxy never opened port ${port} within ${options.startupTimeoutMs} ms (is it listening on argv[1]?).`;
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
      // jailed, the leader (bwrap) learns of the proxy's death a moment later: ask about the proxy itself
      if (pid === child.pid || !isProcessGone(pid)) return true;
      await child.exit;
      return false;
    },
    outputTail: () => child.output.tail(20),
    stop: () => child.kill(),
  };
  return { ok: true, started };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
