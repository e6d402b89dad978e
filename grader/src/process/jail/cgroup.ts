import { existsSync, readFileSync, rmdirSync } from 'node:fs';
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where per-run cgroups can be created: v1 `memory` and `pids` hierarchies, or the v2 unified tree. */
export interface CgroupSupport {
  version: 1 | 2;
  /** parent folder of run cgroups with the memory controller (v1), or of both (v2) */
  memoryParent?: string;
  /** parent folder with the pids controller (v1; v2 uses memoryParent) */
  pidsParent?: string;
}

/** What a run's cgroup refused or killed. */
export interface CgroupHits {
  /** processes the kernel's OOM killer killed at the memory limit */
  oomKills: number;
  /** forks refused at pids.max */
  pidsRefused: number;
}

/** A cgroup (one folder per controller) every process of one jailed command joins. */
export interface RunCgroup {
  /** the cgroup.procs files a process writes its pid into to join */
  readonly procsFiles: string[];
  /** true when memory is bounded here (else the jail falls back to RLIMIT_AS) */
  readonly limitsMemory: boolean;
  readonly limitsPids: boolean;
  readHits(): Promise<CgroupHits>;
  /** SIGKILLs every process in it, then removes its folders; true once they are gone. */
  remove(waitMs?: number): Promise<boolean>;
}

const canCreateIn = async (parent: string): Promise<boolean> => {
  const probe = join(parent, `proxylab-probe-${process.pid}`);
  const made = await mkdir(probe).then(
    () => true,
    () => false,
  );
  if (made) await rmdir(probe).catch(() => {});
  return made;
};

/** This process's own cgroup in a v1 hierarchy, so run cgroups nest under whatever bounds the grader. */
function ownV1Path(controller: string): string {
  const lines = readFileSync('/proc/self/cgroup', 'utf8').split('\n');
  const line = lines.find((l) => l.split(':')[1]?.split(',').includes(controller));
  return line?.split(':').slice(2).join(':') || '/';
}

/** Finds writable `memory` and `pids` controllers (root only); undefined when there are none. */
export async function findCgroupSupport(root = '/sys/fs/cgroup'): Promise<CgroupSupport | undefined> {
  if (existsSync(join(root, 'memory', 'cgroup.procs')) || existsSync(join(root, 'pids', 'cgroup.procs'))) {
    const found: CgroupSupport = { version: 1 };
    for (const controller of ['memory', 'pids'] as const) {
      const base = join(root, controller);
      if (!existsSync(join(base, 'cgroup.procs'))) continue;
      let own = base;
      try {
        own = join(base, ownV1Path(controller));
      } catch {
        // no /proc/self/cgroup: the hierarchy's root
      }
      const parent = (await canCreateIn(own)) ? own : (await canCreateIn(base)) ? base : undefined;
      if (controller === 'memory') found.memoryParent = parent;
      else found.pidsParent = parent;
    }
    return found.memoryParent || found.pidsParent ? found : undefined;
  }
  const enabled = await readFile(join(root, 'cgroup.subtree_control'), 'utf8').catch(() => '');
  const controllers = enabled.split(/\s+/);
  if (!controllers.includes('memory') && !controllers.includes('pids')) return undefined;
  if (!(await canCreateIn(root))) return undefined;
  return { version: 2, memoryParent: controllers.includes('memory') ? root : undefined, pidsParent: root };
}

const tryWrite = (path: string, value: string) =>
  writeFile(path, value).then(
    () => true,
    () => false,
  );

const readNumber = async (path: string, key: string): Promise<number> => {
  const text = await readFile(path, 'utf8').catch(() => '');
  return Number(new RegExp(`^${key} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
};

/** Folders of run cgroups not removed yet: the exit path removes them synchronously. */
const liveFolders = new Set<string>();
let exitHookInstalled = false;

/** Creates `name` with the memory and pids limits; a controller that refuses is left out (the rlimits remain). */
export async function createRunCgroup(
  support: CgroupSupport,
  name: string,
  limits: { memoryBytes: number; pids: number },
): Promise<RunCgroup> {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => removeRunCgroupsSync());
  }
  const folders: string[] = [];
  let limitsMemory = false;
  let limitsPids = false;
  const make = async (parent: string | undefined) => {
    if (!parent) return undefined;
    const path = join(parent, name);
    if (folders.includes(path)) return path;
    await mkdir(path);
    folders.push(path);
    liveFolders.add(path);
    return path;
  };
  const memory = await make(support.memoryParent);
  const pids = await make(support.pidsParent);
  if (memory && support.version === 1) {
    limitsMemory = await tryWrite(join(memory, 'memory.limit_in_bytes'), String(limits.memoryBytes));
    // swap accounting may be off; then there is no memsw file and swap is not charged
    if (existsSync(join(memory, 'memory.memsw.limit_in_bytes')))
      await tryWrite(join(memory, 'memory.memsw.limit_in_bytes'), String(limits.memoryBytes));
  } else if (memory) {
    limitsMemory = await tryWrite(join(memory, 'memory.max'), String(limits.memoryBytes));
    await tryWrite(join(memory, 'memory.swap.max'), '0');
  }
  if (pids) limitsPids = await tryWrite(join(pids, 'pids.max'), String(limits.pids));
  return {
    procsFiles: folders.map((folder) => join(folder, 'cgroup.procs')),
    limitsMemory,
    limitsPids,
    async readHits() {
      let oomKills = 0;
      if (memory && support.version === 1) {
        oomKills = await readNumber(join(memory, 'memory.oom_control'), 'oom_kill');
      } else if (memory) {
        oomKills = await readNumber(join(memory, 'memory.events'), 'oom_kill');
      }
      const pidsRefused = pids ? await readNumber(join(pids, 'pids.events'), 'max') : 0;
      return { oomKills, pidsRefused };
    },
    async remove(waitMs = 5000) {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const left = folders.filter((folder) => !removeFolderOnce(folder));
        if (left.length === 0) return true;
        if (Date.now() > deadline) return false;
        await sleep(20);
      }
    },
  };
}

/** SIGKILLs what is in `folder` and tries to remove it; true when it is gone. */
function removeFolderOnce(folder: string): boolean {
  if (!existsSync(folder)) {
    liveFolders.delete(folder);
    return true;
  }
  let procs: number[] = [];
  try {
    procs = readFileSync(join(folder, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
  } catch {
    // gone meanwhile
  }
  for (const pid of procs) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  try {
    rmdirSync(folder);
  } catch {
    return false;
  }
  liveFolders.delete(folder);
  return true;
}

/** The exit path (Ctrl-C): kills and removes every run cgroup still there, retrying for up to `waitMs`. */
export function removeRunCgroupsSync(waitMs = 2000): void {
  const deadline = Date.now() + waitMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (liveFolders.size > 0 && Date.now() <= deadline) {
    for (const folder of [...liveFolders]) removeFolderOnce(folder);
    if (liveFolders.size > 0) Atomics.wait(pause, 0, 0, 20);
  }
}
