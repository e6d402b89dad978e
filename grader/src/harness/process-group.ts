import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import type { CrashInfo } from '../types.js';
import { OutputTail } from './output-tail.js';

/** Resource limits applied with the shell's ulimit before exec (Linux/macOS). */
export interface ProcessLimits {
  /** RLIMIT_AS in MiB; leave unset for V8-based programs, which reserve large address ranges. */
  addressSpaceMiB?: number;
  /** RLIMIT_FSIZE in MiB (exactly: the shell's 512-byte blocks are counted for it). */
  fileSizeMiB?: number;
  /** RLIMIT_NOFILE. */
  openFiles?: number;
  /** RLIMIT_CPU in seconds. */
  cpuSeconds?: number;
  /** RLIMIT_NPROC (not enforced for root). */
  processes?: number;
}

export interface GroupProcess {
  readonly pid: number;
  readonly output: OutputTail;
  /** Set once the leader exited. */
  exited(): CrashInfo | undefined;
  /** Resolves when the leader exited. */
  readonly exit: Promise<CrashInfo>;
  /** SIGTERM to the whole group, then SIGKILL after `graceMs`; resolves once the leader is gone. */
  kill(graceMs?: number): Promise<void>;
}

function ulimitPrefix(limits: ProcessLimits | undefined): string {
  if (!limits) return '';
  const parts: string[] = [];
  if (limits.addressSpaceMiB) parts.push(`ulimit -v ${limits.addressSpaceMiB * 1024}`);
  // /bin/sh counts -f in 512-byte blocks (dash, and bash as sh in POSIX mode), -v in KiB
  if (limits.fileSizeMiB) parts.push(`ulimit -f ${limits.fileSizeMiB * 2048}`);
  if (limits.openFiles) parts.push(`ulimit -n ${limits.openFiles}`);
  if (limits.cpuSeconds) parts.push(`ulimit -t ${limits.cpuSeconds}`);
  // bash spells the process limit -u, dash -p
  if (limits.processes) parts.push(`{ ulimit -u ${limits.processes} || ulimit -p ${limits.processes}; }`);
  parts.push('ulimit -c 0');
  return `${parts.join(' 2>/dev/null; ')} 2>/dev/null; `;
}

/** Process groups started and not yet reaped, so an interrupted run can kill them all. */
const liveGroups = new Set<number>();

/** SIGKILLs every process group this process started that is still alive (used on Ctrl-C). */
export function killAllGroups(): void {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/**
 * Starts `argv` (or a shell command line) as the leader of a new process group, output captured into a bounded
 * tail. The leader is exec'd by the shell, so its pid is the group id and signals reach it directly.
 */
export function spawnGroup(
  command: string[] | { shell: string },
  options: { cwd?: string; env?: NodeJS.ProcessEnv; limits?: ProcessLimits } = {},
): GroupProcess {
  const line = Array.isArray(command) ? command.map(quote).join(' ') : command.shell;
  // exec a simple command so its pid is the group leader's; a compound line runs under the shell
  const simple = Array.isArray(command) || !/[;&|\n()`]/.test(line);
  const script = `${ulimitPrefix(options.limits)}${simple ? 'exec ' : ''}${line}`;
  const child: ChildProcess = spawn('/bin/sh', ['-c', script], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = new OutputTail();
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  let info: CrashInfo | undefined;
  const exit = new Promise<CrashInfo>((resolve) => {
    const done = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      info ??= { exitCode, signal, outputTail: output.tail(12) };
      resolve(info);
    };
    child.once('exit', done);
    child.once('error', (error) => {
      output.push(`${error.message}\n`);
      done(127, null);
    });
  });
  const pid = child.pid ?? -1;
  if (pid > 0) liveGroups.add(pid);
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  };
  return {
    pid,
    output,
    exit,
    exited: () => info,
    async kill(graceMs = 1000) {
      if (pid <= 0) return;
      signalGroup('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const first = await Promise.race([exit, graceOver]);
      clearTimeout(timer);
      // SIGKILL the group even when the leader obeyed: children it forked may still hold ports.
      signalGroup('SIGKILL');
      liveGroups.delete(pid);
      if (first === 'timeout') await exit;
      // a process that left the group may still hold the pipes: stop reading them so nothing keeps us waiting
      child.stdout?.destroy();
      child.stderr?.destroy();
    },
  };
}

/** True when no process `pid` runs any more (a zombie waiting to be reaped counts as gone). */
export function isProcessGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** 'SIGSEGV' → 'SIGSEGV (segmentation fault)'; plain names for the rest. */
export function describeSignal(signal: string | null): string {
  if (!signal) return '';
  const meanings: Record<string, string> = {
    SIGPIPE: 'broken pipe: wrote to a socket the client had closed',
    SIGSEGV: 'segmentation fault',
    SIGABRT: 'abort, e.g. a failed assert or a double free',
    SIGBUS: 'bus error',
    SIGFPE: 'arithmetic error',
    SIGKILL: 'killed, e.g. out of memory or a resource limit',
    SIGXCPU: 'CPU time limit exceeded',
    SIGXFSZ: 'file size limit exceeded',
  };
  const number = (constants.signals as Record<string, number>)[signal];
  return `${signal}${number ? ` (${number})` : ''}${meanings[signal] ? `: ${meanings[signal]}` : ''}`;
}
