import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

/** A child started as the leader of its own process group; everything it forks dies with it. */
export interface GroupChild {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Where stdout and stderr go (or undefined when the caller reads stdout itself). */
  readonly logFile: string | undefined;
  /** Resolves with the exit code (or signal name) once the leader exited. */
  readonly exited: Promise<string>;
  hasExited(): boolean;
  /** SIGTERM to the group, SIGKILL after `graceMs`, then SIGKILL to whatever is left of the group. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnGroupOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Append stdout and stderr to this file; without it stdout is a pipe and stderr is ignored. */
  logFile?: string;
}

const liveGroups = new Set<number>();

/** Starts `command` detached (own process group) and remembers it until it is stopped. */
export function spawnGroup(
  command: string,
  args: readonly string[],
  options: SpawnGroupOptions = {},
): GroupChild {
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: logFd === undefined ? ['ignore', 'pipe', 'ignore'] : ['ignore', logFd, logFd],
  });
  if (logFd !== undefined) closeSync(logFd);
  let done = false;
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error) => {
      done = true;
      resolve(`spawn failed: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      done = true;
      resolve(signal ?? String(code));
    });
  });
  const pid = child.pid;
  if (pid === undefined) {
    return { pid: -1, child, logFile: options.logFile, exited, hasExited: () => true, stop: async () => {} };
  }
  liveGroups.add(pid);
  const stop = async (graceMs = 2000): Promise<void> => {
    signalGroup(pid, 'SIGTERM');
    if (!done) {
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
    signalGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
  };
  return { pid, child, logFile: options.logFile, exited, hasExited: () => done, stop };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/** SIGKILLs every group started here and not yet stopped (exit, Ctrl-C, a crash of the bench). */
export function killAllGroups(): void {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  liveGroups.clear();
}

/** The last `lines` lines of a log file, for error messages. */
export function readLogTail(file: string | undefined, lines = 8): string {
  if (file === undefined) return '';
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
