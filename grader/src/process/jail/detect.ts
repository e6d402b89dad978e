import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCommand } from '../find-command.js';
import { runQuick } from '../run-quick.js';
import { type CgroupSupport, findCgroupSupport } from './cgroup.js';
import { buildJailedCommand, type JailTools } from './command.js';
import { PROXY_JAIL_LIMITS } from './limits.js';
import { pickJailUid } from './uid.js';

/** What this host allows: a jail (with or without cgroups), or one line saying what is missing. */
export type JailSupport =
  | { available: true; tools: JailTools; cgroup?: CgroupSupport; cgroupMissing?: string }
  | { available: false; missing: string };

/**
 * Finds bwrap, setpriv, prlimit and writable cgroups, and runs one jailed `true` to prove they work together.
 * PROXYLAB_JAIL=off turns the jail off (the operator's choice, e.g. to compare a run with and without it).
 */
export async function detectJail(): Promise<JailSupport> {
  if (process.env.PROXYLAB_JAIL === 'off') return { available: false, missing: 'PROXYLAB_JAIL=off' };
  if (process.platform !== 'linux')
    return { available: false, missing: `the jail is Linux-only (this is ${process.platform})` };
  if (process.getuid?.() !== 0) return { available: false, missing: 'the grader is not running as root' };
  const bwrap = findCommand('bwrap');
  const setpriv = findCommand('setpriv');
  const prlimit = findCommand('prlimit');
  if (!bwrap) return { available: false, missing: 'bubblewrap (bwrap) is not installed' };
  if (!setpriv || !prlimit)
    return { available: false, missing: 'setpriv or prlimit (util-linux) is not installed' };
  const tools = { bwrap, setpriv, prlimit };
  const failure = await probeJail(tools);
  if (failure) return { available: false, missing: `bwrap cannot start a jail here (${failure})` };
  const cgroup = await findCgroupSupport();
  const cgroupMissing = !cgroup
    ? 'no writable memory or pids cgroup'
    : !cgroup.memoryParent
      ? 'no writable memory cgroup'
      : !cgroup.pidsParent
        ? 'no writable pids cgroup'
        : undefined;
  return { available: true, tools, cgroup, cgroupMissing };
}

/** Runs `true` jailed as a fresh uid; returns the last line of the error, or undefined when it worked. */
async function probeJail(tools: JailTools): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'proxylab-jail-probe-'));
  try {
    const argv = buildJailedCommand(['true'], {
      tools,
      uid: pickJailUid(),
      view: { writable: [], readOnly: [dir], cwd: dir },
      limits: PROXY_JAIL_LIMITS,
    });
    const run = await runQuick(argv, { timeoutMs: 10_000 });
    if (run.code === 0) return undefined;
    return (run.output.trim().split('\n').pop() ?? `exit ${run.code}`).slice(0, 200);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
