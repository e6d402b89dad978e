import { readFileSync } from 'node:fs';

/** Sends `signal` to every process of the group led by `pid` (only a group we started); false when it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Process groups started with `killOnInterrupt` and not stopped yet, so an interrupted run can kill them all. */
const liveGroups = new Set<number>();

export function rememberGroup(pid: number): void {
  if (pid > 0) liveGroups.add(pid);
}

export function forgetGroup(pid: number): void {
  liveGroups.delete(pid);
}

/** SIGKILLs every remembered process group this process started that is still alive (used on Ctrl-C). */
export function killAllGroups(): void {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
  liveGroups.clear();
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
