import { shellQuote } from '../find-command.js';
import type { JailLimits } from './limits.js';
import { buildViewArgs, type JailView } from './view.js';

/** The three util-linux / bubblewrap programs a jail is made of (absolute paths). */
export interface JailTools {
  bwrap: string;
  setpriv: string;
  prlimit: string;
}

export interface JailedCommandOptions {
  tools: JailTools;
  /** the unprivileged uid (and gid) the command runs as */
  uid: number;
  view: JailView;
  limits: JailLimits;
  /** cgroup.procs files to join before anything starts (createRunCgroup) */
  cgroupProcs?: string[];
  /** true when a memory cgroup bounds memory: then no RLIMIT_AS (it would break V8-like address reservations) */
  memoryCgroup?: boolean;
  /** environment variables besides PATH, HOME, TMPDIR and LANG (the grader's own are never passed) */
  env?: Record<string, string>;
}

const JAIL_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The argv that runs `argv` jailed: a shell joins the cgroups and execs bwrap (fresh pid, ipc and mount
 * namespaces, the view of buildViewArgs, dies with its parent), which runs setpriv (the uid, no capability, no
 * new privileges), which runs prlimit (the rlimits in bytes and seconds), which execs the command. The first pid
 * is bwrap's, and bwrap exits with the command's status (128 + N when killed by signal N).
 */
export function buildJailedCommand(argv: string[], options: JailedCommandOptions): string[] {
  const { tools, uid, limits } = options;
  const env: Record<string, string> = {
    PATH: JAIL_PATH,
    HOME: options.view.cwd,
    TMPDIR: '/tmp',
    LANG: 'C.UTF-8',
    ...options.env,
  };
  const bwrap = [
    tools.bwrap,
    ...buildViewArgs(options.view),
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--die-with-parent',
    '--new-session',
    '--clearenv',
    ...Object.entries(env).flatMap(([name, value]) => ['--setenv', name, value]),
    '--',
  ];
  const setpriv = [
    tools.setpriv,
    `--reuid=${uid}`,
    `--regid=${uid}`,
    '--clear-groups',
    '--inh-caps=-all',
    '--bounding-set=-all',
    '--no-new-privs',
    '--',
  ];
  const prlimit = [
    tools.prlimit,
    ...(options.memoryCgroup ? [] : [`--as=${limits.memoryBytes}`]),
    `--fsize=${limits.fileSizeBytes}`,
    `--cpu=${limits.cpuSeconds}`,
    `--nofile=${limits.openFiles}`,
    `--nproc=${limits.pids}`,
    '--core=0',
    '--',
  ];
  const join = (options.cgroupProcs ?? []).map((file) => `echo $$ > ${shellQuote(file)} || exit 125; `);
  const line = [...bwrap, ...setpriv, ...prlimit, ...argv].map(shellQuote).join(' ');
  return ['/bin/sh', '-c', `${join.join('')}exec ${line}`];
}
