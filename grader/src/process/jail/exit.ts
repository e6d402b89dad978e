import { constants } from 'node:os';
import type { CrashInfo } from '../../types.js';
import type { CgroupHits } from './cgroup.js';
import { type JailLimits, formatMiB } from './limits.js';

// the first name of each number wins, so aliases (SIGIOT for SIGABRT, SIGPOLL for SIGIO) never replace the usual one
const signalNames = new Map<number, string>();
for (const [name, n] of Object.entries(constants.signals))
  if (!signalNames.has(n as number)) signalNames.set(n as number, name);

/**
 * bwrap exits with the command's exit code, or 128 + N when a signal N killed it: maps that back, so a SIGPIPE or
 * SIGSEGV is named as such (a program that itself exits with 128 + N is read as killed by N; none of ours do).
 */
export function mapJailExit(info: CrashInfo): CrashInfo {
  const code = info.exitCode;
  const signal = code !== null && code > 128 ? signalNames.get(code - 128) : undefined;
  return signal ? { ...info, exitCode: null, signal } : info;
}

/** One sentence per limit the command hit ('the proxy hit the 1 GiB memory limit ...'), from its end and cgroup. */
export function describeLimitHits(
  who: string,
  crash: CrashInfo,
  hits: CgroupHits,
  limits: JailLimits,
): string[] {
  const found: string[] = [];
  if (hits.oomKills > 0) {
    found.push(
      `${who} hit the ${formatMiB(limits.memoryBytes)} memory limit: the kernel killed ${
        hits.oomKills === 1 ? 'a process' : `${hits.oomKills} processes`
      } out of memory.`,
    );
  }
  if (crash.signal === 'SIGXCPU')
    found.push(`${who} hit the ${limits.cpuSeconds} s CPU time limit (SIGXCPU).`);
  if (crash.signal === 'SIGXFSZ')
    found.push(`${who} hit the ${formatMiB(limits.fileSizeBytes)} file size limit (SIGXFSZ).`);
  if (hits.pidsRefused > 0) {
    found.push(`${who} hit the ${limits.pids}-process limit: ${hits.pidsRefused} forks were refused.`);
  }
  return found;
}
