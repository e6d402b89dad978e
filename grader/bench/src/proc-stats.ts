import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Clock ticks per second used by utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS_PER_S = readClockTicks();

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

interface StatFields {
  pgrp: number;
  userTicks: number;
  systemTicks: number;
}

function readStat(pid: string): StatFields | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name sits in parentheses and may hold spaces; the numbered fields follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pgrp: Number(fields[2]), userTicks: Number(fields[11]), systemTicks: Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/** Every live process in the group led by `leaderPid` (the leader, its forks, helpers like squid's kids). */
export function listGroupPids(leaderPid: number): string[] {
  const pids: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (readStat(entry)?.pgrp === leaderPid) pids.push(entry);
  }
  return pids;
}

export interface CpuTimes {
  userS: number;
  systemS: number;
}

/** User and system CPU seconds of the whole group (threads included: /proc/<pid>/stat sums them). */
export function readGroupCpuTimes(leaderPid: number): CpuTimes {
  let userTicks = 0;
  let systemTicks = 0;
  for (const pid of listGroupPids(leaderPid)) {
    const stat = readStat(pid);
    userTicks += stat?.userTicks ?? 0;
    systemTicks += stat?.systemTicks ?? 0;
  }
  return { userS: userTicks / CLOCK_TICKS_PER_S, systemS: systemTicks / CLOCK_TICKS_PER_S };
}

/** User + system CPU seconds of the whole group. */
export function readGroupCpuSeconds(leaderPid: number): number {
  const { userS, systemS } = readGroupCpuTimes(leaderPid);
  return userS + systemS;
}

/** Resident set size of the group in bytes: the sum of each process's VmRSS. */
export function readGroupRssBytes(leaderPid: number): number {
  let kib = 0;
  for (const pid of listGroupPids(leaderPid)) {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kib += Number(match?.[1] ?? 0);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return kib * 1024;
}

/** Open sockets held by the group (threads share one table; separate processes are added up). */
export function countGroupSockets(leaderPid: number): number {
  let sockets = 0;
  for (const pid of listGroupPids(leaderPid)) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) sockets++;
      } catch {
        // closed meanwhile
      }
    }
  }
  return sockets;
}

/**
 * Follows the CPU time of a short-lived group (the load generator) by polling, since a process's
 * counters vanish when it exits. `last()` is the final reading: at most `intervalMs` of work is missed.
 */
export function followGroupCpu(leaderPid: number, intervalMs = 100): { last(): number; stop(): void } {
  let seconds = 0;
  const read = () => {
    const now = readGroupCpuSeconds(leaderPid);
    if (now > seconds) seconds = now;
  };
  const timer = setInterval(read, intervalMs);
  return {
    last: () => seconds,
    stop: () => clearInterval(timer),
  };
}

/** Busy and total jiffies of the whole machine (all CPUs), from the first line of /proc/stat. */
export function readMachineCpuTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [, user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** CPU used on the whole machine between two readings, in percent of one core (200 = both of two cores). */
export function machineCpuPercent(
  before: { busy: number; total: number },
  after: { busy: number; total: number },
  cpuCount: number,
): number {
  const total = after.total - before.total;
  return total > 0 ? ((after.busy - before.busy) / total) * cpuCount * 100 : Number.NaN;
}
