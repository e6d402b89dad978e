import { randomInt } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../errors.js';
import { detectJail } from '../../process/jail/index.js';
import type { SandboxMode } from '../types.js';
import { createMemoryCgroup, createPidsCgroup } from './cgroup.js';
import { findCommand, shellQuote } from '../../process/find-command.js';
import { runQuick } from '../../process/run-quick.js';
import { planDockerSandbox } from './docker.js';
import type { SandboxPlan } from './plan.js';
import { prepareLoopbackUp } from '../../process/loopback.js';

/** Per-job process (task) limit: the grader's own threads (~15) + make + a thread-per-connection proxy under load. */
export const MAX_JOB_PROCESSES = 512;

/** Works out what isolation this host allows; `namespace` insists on it, `auto` falls back to process groups. */
export async function detectSandbox(mode: SandboxMode, tempRoot: string): Promise<SandboxPlan> {
  if (mode === 'docker') return planDockerSandbox();
  const isRoot = process.getuid?.() === 0;
  const setpriv = isRoot ? findCommand('setpriv') : undefined;
  const prlimit = findCommand('prlimit');
  const cgroup = isRoot
    ? await createPidsCgroup(`proxylab-batch-${process.pid}-${randomInt(1e9)}`)
    : undefined;
  // root with bubblewrap: the child graders stay root (trusted) and jail the student's make and ./proxy
  const jail = isRoot && setpriv ? await detectJail() : undefined;
  const memoryCgroup = jail?.available
    ? await createMemoryCgroup(`proxylab-batch-${process.pid}-${randomInt(1e9)}`)
    : undefined;
  const base: SandboxPlan = {
    info: {
      mode: 'none',
      maxProcesses: MAX_JOB_PROCESSES,
      pidsCgroup: cgroup?.path,
      // below 2^31: tools such as ps print larger uids as negative numbers
      uidBase: setpriv ? 1_500_000_000 + randomInt(1 << 18) * 256 : undefined,
      jail: jail?.available === true,
      memoryCgroup,
      notes: [],
    },
    setpriv,
    memoryCgroup,
    prlimit,
    cgroup,
  };
  const limits = describeLimits(base);
  if (mode === 'none')
    return withNotes(base, ['--sandbox none: no namespaces; process groups and free ports.', limits]);

  const why: string[] = [];
  const loopback = await prepareLoopbackUp(tempRoot);
  const unshare = findCommand('unshare');
  if (process.platform !== 'linux') why.push(`namespaces are Linux-only (this is ${process.platform})`);
  else if (!unshare) why.push('unshare (util-linux) is not installed');
  else if (!loopback) why.push('nothing can bring lo up (no ip, no ifconfig, no C compiler)');
  else {
    const flavors: Array<'root' | 'userns'> = isRoot ? ['root', 'userns'] : ['userns'];
    for (const flavor of flavors) {
      const argv = [unshare, ...(flavor === 'userns' ? ['--map-root-user'] : []), '--net', '--pid', '--fork'];
      argv.push('--mount-proc', '--kill-child');
      const failure = await probeNamespace(argv, loopback.command, tempRoot);
      if (!failure) {
        const plan: SandboxPlan = {
          ...base,
          unshare: argv,
          loopbackCommand: loopback.command,
          setpriv: flavor === 'root' ? setpriv : undefined,
          info: { ...base.info, mode: 'namespace', flavor, loopback: loopback.method },
        };
        if (flavor === 'userns') plan.info.uidBase = undefined;
        return withNotes(plan, [
          `Each submission is built and graded in its own network, PID and mount namespace (unshare, ${
            flavor === 'root' ? 'as root' : 'user namespace'
          }): only loopback exists, ports never collide, and every process dies with the namespace.`,
          'Inside, /tmp, /var/tmp and /dev/shm are fresh, and the class and output folders are hidden.',
          describeLimits(plan),
        ]);
      }
      why.push(`${flavor}: ${failure}`);
    }
  }
  if (mode === 'namespace') {
    throw new UsageError(
      '--sandbox namespace: this host cannot give each submission its own namespaces.',
      why,
    );
  }
  return withNotes(base, [
    `No namespaces (${why.join('; ')}): student code shares the host network; jobs use free ports and are stopped by process group${
      base.setpriv ? ' and by uid' : ''
    }.`,
    limits,
  ]);
}

function describeLimits(plan: SandboxPlan): string {
  const parts = [`at most ${MAX_JOB_PROCESSES} processes per job`];
  if (plan.cgroup) parts.push(`enforced by a pids cgroup (v${plan.cgroup.version})`);
  if (plan.setpriv && plan.info.jail)
    parts.push(
      "each child grader runs as root and jails make and ./proxy (bubblewrap) as the job's own unprivileged uid: they see only the toolchain, their copy and a fresh /tmp, and cannot signal, trace or write to the grader",
    );
  else if (plan.setpriv)
    parts.push(
      "jobs run as their own unprivileged uid (RLIMIT_NPROC applies, the host files are read-only); no bubblewrap here, so the student's code shares the child grader's uid",
    );
  else if (process.getuid?.() !== 0) parts.push("RLIMIT_NPROC counts all of this user's processes");
  else if (!plan.cgroup) parts.push('NOT enforced: running as root without cgroups or setpriv');
  return `${parts.join('; ')}; student processes also get the grader's CPU, memory, file-size and open-file limits.`;
}

const withNotes = (plan: SandboxPlan, notes: string[]): SandboxPlan => ({
  ...plan,
  info: { ...plan.info, notes },
});

/** Enters the namespaces once: lo must come up, a tmpfs must mount, and lo must be the only interface. */
async function probeNamespace(
  argv: string[],
  loopbackCommand: string,
  tempRoot: string,
): Promise<string | undefined> {
  const mountPoint = join(tempRoot, 'probe');
  await mkdir(mountPoint, { recursive: true });
  const script = `${loopbackCommand} && mount -t tmpfs -o size=64k proxylab-probe ${shellQuote(mountPoint)} && cat /proc/net/dev`;
  const run = await runQuick([...argv, '/bin/sh', '-c', script], { timeoutMs: 10_000 });
  if (run.code !== 0) return (run.output.trim().split('\n').pop() ?? `exit ${run.code}`).slice(0, 200);
  const interfaces = [...run.output.matchAll(/^\s*([^\s:|]+):/gm)].map((m) => m[1]);
  if (interfaces.join(',') !== 'lo') return `unexpected interfaces inside: ${interfaces.join(', ')}`;
  return undefined;
}
