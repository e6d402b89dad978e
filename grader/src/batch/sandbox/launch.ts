import { type ChildProcess, spawn } from 'node:child_process';
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
  const child: ChildProcess = spawn('/bin/sh', ['-c', outer], {
    cwd: launch.jobDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = new BoundedLog();
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('error', (error) => {
      log.push(Buffer.from(`${error.message}\n`));
      done({ code: 127, signal: null });
    });
    child.once('close', (code, signal) => done({ code, signal }));
  });
  const pid = child.pid ?? -1;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (pid > 0) process.kill(-pid, signal);
    } catch {
      // gone
    }
  };
  return {
    pid,
    log,
    exit,
    killNow: () => signalGroup('SIGKILL'),
    async stop(graceMs = 2000) {
      signalGroup('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const over = new Promise((done) => {
        timer = setTimeout(done, graceMs);
      });
      await Promise.race([exit, over]);
      clearTimeout(timer);
      signalGroup('SIGKILL');
      await exit;
    },
  };
}

/** Tasks (threads) of this user: RLIMIT_NPROC counts them all, so an unprivileged job's limit sits above them. */
