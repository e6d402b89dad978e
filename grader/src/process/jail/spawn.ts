import { randomBytes } from 'node:crypto';
import { type GroupProcess, spawnGroup } from '../process-group.js';
import type { CrashInfo } from '../../types.js';
import { createRunCgroup, type RunCgroup } from './cgroup.js';
import { buildJailedCommand } from './command.js';
import type { JailSupport } from './detect.js';
import { mapJailExit, describeLimitHits } from './exit.js';
import type { JailLimits } from './limits.js';
import { findJailedPid } from './pid.js';
import type { JailView } from './view.js';

/** What one run's jailed commands share: the host's support, the run's uid and what the jail sees. */
export interface Jail {
  support: Extract<JailSupport, { available: true }>;
  uid: number;
  view: JailView;
}

/** A jailed command: a process group led by bwrap, plus the command's own pid and the limits it hit. */
export interface JailedProcess extends GroupProcess {
  /** the command's pid on this host (not bwrap's), once it runs */
  commandPid(): number | undefined;
  /** sentences naming each limit it hit, once it exited ('make hit the 1 GiB memory limit ...') */
  limitHits(): string[];
}

/**
 * Starts `command` (argv, or a shell line) jailed, in a run cgroup of its own when the host has one. Its exit is
 * the command's (signals mapped back from bwrap's 128 + N), with a line for each limit it hit appended to the
 * output tail; stopping it kills the group, the namespace and the cgroup.
 */
export async function spawnJailed(
  jail: Jail,
  command: string[] | { shell: string },
  options: { who: string; limits: JailLimits; env?: Record<string, string> },
): Promise<JailedProcess> {
  const { limits } = options;
  let cgroup: RunCgroup | undefined;
  if (jail.support.cgroup) {
    const name = `proxylab-jail-${process.pid}-${randomBytes(4).toString('hex')}`;
    cgroup = await createRunCgroup(jail.support.cgroup, name, limits);
  }
  const argv = Array.isArray(command) ? command : ['/bin/sh', '-c', command.shell];
  const jailed = buildJailedCommand(argv, {
    tools: jail.support.tools,
    uid: jail.uid,
    view: jail.view,
    limits,
    cgroupProcs: cgroup?.procsFiles,
    memoryCgroup: cgroup?.limitsMemory,
    env: options.env,
  });
  const group = spawnGroup(jailed);
  let hits: string[] = [];
  let info: CrashInfo | undefined;
  let ownPid: number | undefined;
  const exit = group.exit.then(async (raw) => {
    const mapped = mapJailExit(raw);
    const counted = cgroup ? await cgroup.readHits() : { oomKills: 0, pidsRefused: 0 };
    hits = describeLimitHits(options.who, mapped, counted, limits);
    info = { ...mapped, outputTail: [...mapped.outputTail, ...hits.map((line) => `[jail] ${line}`)] };
    return info;
  });
  return {
    pid: group.pid,
    output: group.output,
    exit,
    exited: () => info,
    commandPid() {
      ownPid ??= group.pid > 0 ? findJailedPid(group.pid) : undefined;
      return ownPid;
    },
    limitHits: () => hits,
    async kill(graceMs) {
      await group.kill(graceMs);
      await exit;
      await cgroup?.remove();
    },
  };
}
