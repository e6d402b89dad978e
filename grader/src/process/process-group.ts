import { constants } from 'node:os';
import type { CrashInfo } from '../types.js';
import { shellQuote } from './find-command.js';
import type { OutputTail } from './output-tail.js';
import { startGroup } from './start-group.js';

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

/**
 * Starts `argv` (or a shell command line) as the leader of a new process group, output captured into a bounded
 * tail. The leader is exec'd by the shell, so its pid is the group id and signals reach it directly.
 */
export function spawnGroup(
  command: string[] | { shell: string },
  options: { cwd?: string; env?: NodeJS.ProcessEnv; limits?: ProcessLimits } = {},
): GroupProcess {
  const line = Array.isArray(command) ? command.map(shellQuote).join(' ') : command.shell;
  // exec a simple command so its pid is the group leader's; a compound line runs under the shell
  const simple = Array.isArray(command) || !/[;&|\n()`]/.test(line);
  const script = `${ulimitPrefix(options.limits)}${simple ? 'exec ' : ''}${line}`;
  const group = startGroup('/bin/sh', ['-c', script], {
    cwd: options.cwd,
    env: options.env,
    killOnInterrupt: true,
  });
  let info: CrashInfo | undefined;
  const exit = group.exit.then((ended) => {
    if (ended.startError) group.output.push(`${ended.startError}\n`);
    info ??= {
      exitCode: ended.startError ? 127 : (ended.exitCode ?? null),
      signal: ended.signal ?? null,
      outputTail: group.output.tail(12),
    };
    return info;
  });
  return {
    pid: group.pid,
    output: group.output,
    exit,
    exited: () => info,
    async kill(graceMs = 1000) {
      if (group.pid <= 0) return;
      await group.stop(graceMs);
      await exit;
    },
  };
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
