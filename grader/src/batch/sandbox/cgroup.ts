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

/** SIGKILLs whatever still runs in the job's cgroup (only the job's processes can be there), then removes it. */
export async function removeJobCgroup(path: string, waitMs = 5000): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const pids = readProcs(path);
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (
      pids.length === 0 &&
      (await rmdir(path).then(
        () => true,
        () => false,
      ))
    )
      return true;
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
    const jobs = readdirSync(path, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    for (const job of jobs) {
      const jobPath = join(path, job.name);
      for (const pid of readProcs(jobPath)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      tryRmdir(jobPath);
    }
    tryRmdir(path);
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
