import { readdirSync, readFileSync } from 'node:fs';

/** The environment variable every process of a job inherits; its value names the job (its folder). */
export const JOB_MARKER = 'PROXYLAB_BATCH_JOB';

/**
 * Finds processes that still carry this job's marker in their environment (escaped process groups, a setsid'd
 * daemon) and SIGKILLs them: the last resort of the fallback without namespaces, cgroups or a uid of its own.
 * Returns how many were found. Processes that cleared their environment are not found.
 */
export function sweepMarkedProcesses(jobId: string): number {
  const needle = Buffer.from(`${JOB_MARKER}=${jobId}\0`);
  let found = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${entry}/environ`);
    } catch {
      continue;
    }
    if (!environ.includes(needle)) continue;
    found += 1;
    try {
      process.kill(Number(entry), 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  return found;
}
