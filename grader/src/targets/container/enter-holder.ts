import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { TargetError } from '../../errors.js';
import { findCommand } from '../../batch/sandbox/commands.js';
import type { NetworkHolder } from './holder.js';
import { INSIDE_FLAG } from './settings.js';

/** Time a child grader gets to stop its proxy container after SIGTERM before it is killed. */
const CHILD_GRACE_MS = 10_000;

/** Fails with one sentence when this process cannot enter another network namespace. */
export function assertCanEnterNamespaces(): string {
  if (process.platform !== 'linux') {
    throw new TargetError(
      `Container grading needs Linux (this is ${process.platform}): the grader joins the container's network namespace.`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new TargetError(
      "Container grading needs root: the grader enters the container's network namespace with nsenter (or use docker compose, see docker/README.md).",
    );
  }
  const nsenter = findCommand('nsenter');
  if (!nsenter)
    throw new TargetError('Container grading needs nsenter (util-linux), which is not installed.');
  return nsenter;
}

/** The child grader running inside the holder's network namespace. */
export interface GraderInHolder {
  /** its exit code (128 + n after signal n) */
  readonly exit: Promise<number>;
  /** SIGTERM (it removes its proxy container), SIGKILL after a grace period; resolves once it is gone */
  stop(): Promise<void>;
}

/**
 * Runs this grader again, with the same arguments plus `--inside-netns <holder>`, inside the holder's network
 * namespace: the origins it hosts on 127.0.0.1 are then reachable by a proxy container sharing that namespace, and
 * by nothing else. Its output goes straight to ours.
 */
export function runGraderInHolder(holder: NetworkHolder, args: string[], nsenter: string): GraderInHolder {
  const script = process.argv[1];
  if (!script) throw new TargetError('Cannot tell which script runs the grader (process.argv[1] is empty).');
  const argv = [`--net=${holder.netnsPath}`, '--', process.execPath, ...process.execArgv, script];
  const child = spawn(nsenter, [...argv, ...args, INSIDE_FLAG, holder.id], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exit = new Promise<number>((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`proxylab-grade: could not run nsenter: ${error.message}\n`);
      resolve(127);
    });
    child.once('exit', (code, signal) =>
      resolve(code ?? 128 + ((signal && (constants.signals as Record<string, number>)[signal]) || 0)),
    );
  });
  const signalChild = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  return {
    exit,
    async stop() {
      signalChild('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => {
        timer = setTimeout(resolve, CHILD_GRACE_MS);
      });
      await Promise.race([exit, grace]);
      clearTimeout(timer);
      signalChild('SIGKILL');
      await exit;
    },
  };
}
