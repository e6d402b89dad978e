import { startGroup } from '../../process/start-group.js';
import { BoundedLog } from '../bounded-log.js';
import { type JobLaunch, jobEnvironment, jobShellCommand } from './job-command.js';

export type { JobLaunch };

export interface RunningJob {
  readonly pid: number;
  readonly log: BoundedLog;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM to the child grader's group (it stops every proxy it started), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole group now (synchronous; the exit path). */
  killNow(): void;
}

/** Starts one child grader in the sandbox the plan describes. */
export function launchJob(launch: JobLaunch): RunningJob {
  const env = jobEnvironment(launch);
  const outer = jobShellCommand(launch);
  const log = new BoundedLog();
  const group = startGroup('/bin/sh', ['-c', outer], {
    cwd: launch.jobDir,
    env,
    onOutput: (_stream, chunk) => log.push(chunk),
  });
  const exit = group.result.then((ended) => {
    if (ended.startError) log.push(Buffer.from(`${ended.startError}\n`));
    return { code: ended.startError ? 127 : (ended.exitCode ?? null), signal: ended.signal ?? null };
  });
  return {
    pid: group.pid,
    log,
    exit,
    killNow: () => group.killNow(),
    async stop(graceMs = 2000) {
      await group.stop(graceMs, 'close');
      await exit;
    },
  };
}
