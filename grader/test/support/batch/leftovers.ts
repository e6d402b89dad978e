import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { JOB_MARKER } from '../../../src/process/job-marker.js';
import type { BatchSummary } from '../../../src/batch/types.js';

/**
 * What a finished batch left behind, scanning /proc: processes running as one of its uids, carrying its job
 * marker, or naming its temp folder (command line or cwd); its cgroup folder; its temp folder. All empty = clean.
 */
export function findLeftovers(summary: Pick<BatchSummary, 'tempRoot' | 'sandbox' | 'jobs'>): {
  processes: string[];
  cgroup: boolean;
  tempRoot: boolean;
} {
  const { uidBase, pidsCgroup } = summary.sandbox;
  const marker = Buffer.from(`${JOB_MARKER}=${summary.tempRoot}`);
  const processes: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'latin1');
      if (/^State:\s+Z/m.test(status)) continue;
      const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'latin1').replaceAll('\0', ' ');
      const environ = readEnviron(entry);
      const cwd = readCwd(entry);
      const ours =
        (uidBase !== undefined && uid >= uidBase && uid < uidBase + Math.max(summary.jobs, 1)) ||
        environ.includes(marker) ||
        cmdline.includes(summary.tempRoot) ||
        cwd.startsWith(summary.tempRoot);
      if (ours) processes.push(`${entry} uid=${uid} ${cmdline.slice(0, 120)}`);
    } catch {
      // exited while we looked
    }
  }
  return {
    processes,
    cgroup: [pidsCgroup, summary.sandbox.memoryCgroup].some((path) => path !== undefined && existsSync(path)),
    tempRoot: existsSync(summary.tempRoot),
  };
}

function readEnviron(pid: string): Buffer {
  try {
    return readFileSync(`/proc/${pid}/environ`);
  } catch {
    return Buffer.alloc(0);
  }
}

function readCwd(pid: string): string {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return '';
  }
}
