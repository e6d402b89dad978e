import { existsSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A cgroup folder with the pids controller, under which each job gets its own child with a pids.max. */
export interface PidsCgroup {
  readonly path: string;
  readonly version: 1 | 2;
}

/**
 * Creates this batch's pids cgroup (v1 `/sys/fs/cgroup/pids/` or v2 with pids enabled at the root), or returns
 * undefined when cgroups are not writable here (not root, read-only mount, controller absent).
 */
export async function createPidsCgroup(
  name: string,
  root = '/sys/fs/cgroup',
): Promise<PidsCgroup | undefined> {
  const v1 = join(root, 'pids');
  if (existsSync(join(v1, 'cgroup.procs'))) {
    const path = join(v1, name);
    return (await mkdir(path).then(
      () => true,
      () => false,
    ))
      ? { path, version: 1 }
      : undefined;
  }
  const enabled = await readFile(join(root, 'cgroup.subtree_control'), 'utf8').catch(() => '');
  if (!enabled.split(/\s+/).includes('pids')) return undefined;
  const path = join(root, name);
  if (
    !(await mkdir(path).then(
      () => true,
      () => false,
    ))
  )
    return undefined;
  const delegated = await writeFile(join(path, 'cgroup.subtree_control'), '+pids').then(
    () => true,
    () => false,
  );
  if (!delegated) {
    await rmdir(path).catch(() => {});
    return undefined;
  }
  return { path, version: 2 };
}

/**
 * Creates this batch's cgroup v1 `memory` folder, under the memory cgroup this process is in, so that each job can
 * have one and the jail's per-command memory cgroups (which nest under their grader's own) go away with the job
 * even when its grader is killed. No limit is set here: the jail bounds each command. Undefined where not writable.
 */
export async function createMemoryCgroup(name: string, root = '/sys/fs/cgroup'): Promise<string | undefined> {
  const base = join(root, 'memory');
  if (!existsSync(join(base, 'cgroup.procs'))) return undefined;
  const own = readFileSync('/proc/self/cgroup', 'utf8')
    .split('\n')
    .find((line) => line.split(':')[1]?.split(',').includes('memory'))
    ?.split(':')
    .slice(2)
    .join(':');
  const path = join(base, own ?? '/', name);
  return (await mkdir(path).then(
    () => true,
    () => false,
  ))
    ? path
    : undefined;
}

/** A job's folder in the batch's memory cgroup (no limit of its own). */
export async function createJobMemoryCgroup(parent: string, name: string): Promise<string> {
  const path = join(parent, name);
  await mkdir(path);
  return path;
}

/** Creates a job's cgroup with a process (task) limit; its path's cgroup.procs is what the job joins. */
export async function createJobCgroup(
  parent: PidsCgroup,
  name: string,
  maxProcesses: number,
): Promise<string> {
  const path = join(parent.path, name);
  await mkdir(path);
  await writeFile(join(path, 'pids.max'), String(maxProcesses));
  return path;
}

/** How many forks the limit refused in this cgroup (pids.events `max N`). */
export async function readPidsLimitHits(path: string): Promise<number> {
  const events = await readFile(join(path, 'pids.events'), 'utf8').catch(() => '');
  return Number(/^max (\d+)/m.exec(events)?.[1] ?? 0);
}

const readProcs = (path: string): number[] => {
  try {
    return readFileSync(join(path, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** The cgroup folders below `path` (the child grader's jail nests a run cgroup per command), deepest first. */
function subCgroups(path: string): string[] {
  let found: string[] = [];
  try {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.isDirectory())
        found = [...found, ...subCgroups(join(path, entry.name)), join(path, entry.name)];
    }
  } catch {
    // gone
  }
  return found;
}

/** One pass over a cgroup tree: SIGKILL every process in it, remove every folder it can (deepest first). */
function sweepTree(path: string): void {
  for (const folder of [...subCgroups(path), path]) {
    for (const pid of readProcs(folder)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    tryRmdir(folder);
  }
}

/** SIGKILLs whatever still runs in the job's cgroup and the ones nested in it (only the job's processes can be there), then removes them. */
export async function removeJobCgroup(path: string, waitMs = 5000): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    sweepTree(path);
    if (!existsSync(path)) return true;
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
}

/**
 * Removes the batch's cgroup folder and its job cgroups synchronously (the exit path, e.g. after Ctrl-C): kills
 * what is still in them and retries for up to `waitMs` while the killed processes go away.
 */
export function removeCgroupSync(path: string, waitMs = 2000): void {
  const deadline = Date.now() + waitMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (existsSync(path)) {
    sweepTree(path);
    if (!existsSync(path) || Date.now() > deadline) return;
    Atomics.wait(pause, 0, 0, 20);
  }
}

function tryRmdir(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // still busy, or gone
  }
}
