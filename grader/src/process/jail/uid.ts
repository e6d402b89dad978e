import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** Jail uids come from [1.6e9, 1.6e9 + 2^28): above any login or subuid range, below 2^31 (ps prints those signed). */
export const JAIL_UID_BASE = 1_600_000_000;
const JAIL_UID_SPAN = 1 << 28;

/** Uids some process runs as (real, effective, saved or filesystem). */
export function uidsInUse(): Set<number> {
  const used = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'latin1');
      for (const uid of /^Uid:\s+(.*)$/m.exec(status)?.[1]?.split(/\s+/) ?? []) used.add(Number(uid));
    } catch {
      // exited meanwhile
    }
  }
  return used;
}

/** A fresh uid for one run: random in the jail range, not used by any process nor named in /etc/passwd. */
export function pickJailUid(): number {
  const used = uidsInUse();
  let passwd = '';
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    // no passwd file
  }
  for (const line of passwd.split('\n')) used.add(Number(line.split(':')[2]));
  for (;;) {
    const uid = JAIL_UID_BASE + randomInt(JAIL_UID_SPAN);
    if (!used.has(uid)) return uid;
  }
}

/** Pids of live (non-zombie) processes running as `uid`: what must be gone after a run. */
export function processesOf(uid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'latin1');
      if (/^State:\s+Z/m.test(status)) continue;
      const uids = /^Uid:\s+(.*)$/m.exec(status)?.[1]?.split(/\s+/).map(Number) ?? [];
      if (uids.includes(uid)) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}
