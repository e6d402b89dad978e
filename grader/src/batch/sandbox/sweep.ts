import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { JOB_MARKER } from '../../process/job-marker.js';

/** Pids of processes that run as `uid` or carry this job's marker in their environment (zombies excluded). */
function findJobProcesses(jobId: string, uid: number | undefined): number[] {
  const needle = Buffer.from(`${JOB_MARKER}=${jobId}\0`);
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!/^\d+$/.test(entry) || pid === process.pid) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'latin1');
      if (/^State:\s+Z/m.test(status)) continue;
      if (uid !== undefined && Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === uid) {
        found.push(pid);
        continue;
      }
      if (readFileSync(`/proc/${entry}/environ`).includes(needle)) found.push(pid);
    } catch {
      // exited meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * Kills what is left of a job after its child grader exited: every process running as the job's own uid, or
 * carrying its marker (escaped process groups, a setsid'd daemon). Repeats until none is found, so a process
 * forking while it is swept is caught too. Returns how many were killed. A process that both changed uid and
 * cleared its environment is out of reach here: only the namespace or the cgroup contains it.
 */
export async function sweepJobProcesses(
  jobId: string,
  uid: number | undefined,
  rounds = 50,
): Promise<number> {
  const killed = new Set<number>();
  for (let round = 0; round < rounds; round++) {
    const pids = findJobProcesses(jobId, uid);
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        killed.add(pid);
      } catch {
        // gone
      }
    }
    await sleep(20);
  }
  return killed.size;
}
