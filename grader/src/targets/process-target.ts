import { findFreePort, waitForListening } from '../harness/port-probe.js';
import { type ProcessLimits, describeSignal, spawnGroup } from '../harness/process-group.js';
import type { StartResult, StartedTarget } from './target.js';

export interface ProcessLaunch {
  /** argv, or a shell line, with the port filled in */
  command: (port: number) => string[] | { shell: string };
  cwd?: string;
  limits?: ProcessLimits;
  env?: NodeJS.ProcessEnv;
}

/** How long a stopped proxy may take to obey SIGTERM before its group is killed. */
const STOP_GRACE_MS = 250;

/** Starts a proxy process in its own group on a free port and waits until the port listens. */
export async function startProcessTarget(
  launch: ProcessLaunch,
  options: { startupTimeoutMs: number; log: (line: string) => void },
): Promise<StartResult> {
  const port = await findFreePort();
  const child = spawnGroup(launch.command(port), { cwd: launch.cwd, limits: launch.limits, env: launch.env });
  options.log(`started pid ${child.pid} for port ${port}`);
  const state = await waitForListening('127.0.0.1', port, {
    timeoutMs: options.startupTimeoutMs,
    gaveUp: () => child.exited() !== undefined,
  });
  if (state !== 'ready') {
    const crash = child.exited();
    await child.kill(200);
    const outputTail = child.output.tail(20);
    const reason = crash
      ? `The proxy exited before opening port ${port} (${
          crash.signal ? `killed by ${describeSignal(crash.signal)}` : `exit code ${crash.exitCode}`
        }).`
      : `The proxy never opened port ${port} within ${options.startupTimeoutMs} ms (is it listening on argv[1]?).`;
    return { ok: false, reason, crash, outputTail };
  }
  const started: StartedTarget = {
    endpoint: { host: '127.0.0.1', port },
    pid: child.pid,
    exited: () => child.exited(),
    isAlive: async () => child.exited() === undefined,
    outputTail: () => child.output.tail(20),
    // a proxy is restarted for every suite: one that ignores SIGTERM gets SIGKILL after a short grace
    stop: () => child.kill(STOP_GRACE_MS),
  };
  return { ok: true, started };
}
