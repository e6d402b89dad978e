// The environment and the shell command line of one batch job: cgroups joined first, then (with namespaces) a
// private view of the file system, then the rlimits and uid drop, then the child grader.
import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ISOLATED_ENV } from '../../process/isolated-run.js';
import { JAIL_UID_ENV } from '../../targets/jailed.js';
import { shellQuote } from '../../process/find-command.js';
import { JOB_MARKER } from '../../process/job-marker.js';
import type { SandboxPlan } from './plan.js';
import { graderRoot, JOB_VIEW, viewScript } from './view-script.js';

export interface JobLaunch {
  plan: SandboxPlan;
  /** the job's folder on the host */
  jobDir: string;
  /** the child grader's argv, given the path the job folder has where the child runs */
  argv: (viewDir: string) => string[];
  /** unprivileged uid of this job (root with setpriv only): the child's own, or its jail's when plan.info.jail */
  uid?: number;
  /** the job's cgroup folders (pids, memory): the outer shell joins each before anything starts */
  cgroups: string[];
  /** host folders the student must not see (the class, the outputs); hidden by a tmpfs inside the namespace */
  hide: string[];
}

/** The child grader's environment: nothing of the batch's own but PATH (and the engine's, for docker jobs). */
export function jobEnvironment(launch: JobLaunch): NodeJS.ProcessEnv {
  const { plan } = launch;
  // namespaces always give the job fresh /tmp, /var/tmp, /dev/shm and show its folder at /tmp/job
  const viewDir = plan.unshare ? JOB_VIEW : launch.jobDir;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: join(viewDir, 'home'),
    TMPDIR: plan.unshare ? '/tmp' : join(viewDir, 'home'),
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
    [JOB_MARKER]: launch.jobDir,
  };
  // a docker job's grader talks to the engine and builds from GCC_IMAGE (targets/container/settings.ts)
  if (plan.info.mode === 'docker') {
    for (const name of ['DOCKER_HOST', 'GCC_IMAGE', 'PROXYLAB_HOLDER_IMAGE']) {
      if (process.env[name]) env[name] = process.env[name];
    }
  }
  // with a jail the child grader stays root and hands the job's uid to the jail of make and ./proxy
  const jailed = plan.info.jail === true && launch.uid !== undefined;
  if (jailed) env[JAIL_UID_ENV] = String(launch.uid);
  // the namespaces are the job's already: the child must not re-run itself in new ones
  if (plan.unshare) env[ISOLATED_ENV] = '1';
  return env;
}

/** `/bin/sh -c` text that starts the child grader inside the job's sandbox. */
export function jobShellCommand(launch: JobLaunch): string {
  const { plan } = launch;
  const viewDir = plan.unshare ? JOB_VIEW : launch.jobDir;
  const jailed = plan.info.jail === true && launch.uid !== undefined;
  const nproc = plan.info.maxProcesses + (launch.uid === undefined || jailed ? countOwnTasks() : 0);
  const drop = [
    ...(plan.prlimit ? [plan.prlimit, `--nproc=${nproc}:${nproc}`, '--'] : []),
    ...(plan.setpriv && launch.uid !== undefined && !jailed
      ? [
          plan.setpriv,
          `--reuid=${launch.uid}`,
          `--regid=${launch.uid}`,
          '--clear-groups',
          '--no-new-privs',
          '--',
        ]
      : []),
    ...launch.argv(viewDir),
  ]
    .map(shellQuote)
    .join(' ');
  const enterCgroup = launch.cgroups
    .map((path) => `echo $$ > ${shellQuote(join(path, 'cgroup.procs'))} || exit 96; `)
    .join('');
  let outer: string;
  if (plan.unshare) {
    const lines = [`${plan.loopbackCommand} || { echo 'proxylab-batch: lo did not come up' >&2; exit 97; }`];
    lines.push(`cd ${shellQuote(launch.jobDir)} || exit 97`);
    const cliPath = launch.argv('/')[1] ?? '';
    lines.push(
      ...viewScript({
        jobDir: launch.jobDir,
        keep: graderFolders(cliPath),
        hide: launch.hide,
      }),
    );
    // PID 1 of the namespace: a shell that waits, so orphans are reaped (a fork bomb's zombies free their pids)
    lines.push(`${drop} &`, 'wait $!');
    outer = `${enterCgroup}exec ${plan.unshare.map(shellQuote).join(' ')} /bin/sh -c ${shellQuote(lines.join('\n'))}`;
  } else {
    outer = `${enterCgroup}cd ${shellQuote(launch.jobDir)} && exec ${drop}`;
  }
  return outer;
}

function countOwnTasks(): number {
  const uid = process.getuid?.();
  let count = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'latin1');
      if (Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]) === uid)
        count += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
    } catch {
      // exited meanwhile
    }
  }
  return count;
}

/**
 * What the child grader must still see under a fresh /tmp: its workspace, where that workspace's node_modules
 * really lives (an installed grader may link it to a checkout elsewhere, whose workspace packages it imports), and
 * the folder of the node binary running it.
 */
function graderFolders(cliPath: string): string[] {
  const root = graderRoot(cliPath);
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  return [root, dirname(real(join(root, 'node_modules'))), dirname(real(process.execPath))];
}
