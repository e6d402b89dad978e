import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { shellQuote } from '../../process/find-command.js';

/** Host folders every job gets fresh and empty (tmpfs) inside its mount namespace, with their sizes. */
export const FRESH_DIRS: ReadonlyArray<readonly [string, string]> = [
  ['/tmp', '512m'],
  ['/var/tmp', '64m'],
  ['/dev/shm', '64m'],
];

/** Where the job folder appears inside the namespace, whatever its host path. */
export const JOB_VIEW = '/tmp/job';

export const isUnder = (path: string, dir: string): boolean =>
  path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/**
 * The folder the child grader needs to run: the nearest ancestor of its CLI that holds `node_modules` (the
 * workspace root, whose packages the CLI imports), else the CLI's package folder.
 */
export function graderRoot(cliPath: string): string {
  let dir = resolve(dirname(cliPath));
  for (;;) {
    if (existsSync(join(dir, 'node_modules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(dirname(cliPath), '..');
    dir = parent;
  }
}

export interface ViewOptions {
  /** the job's folder on the host; the shell runs with it as its working directory */
  jobDir: string;
  /** host folders the child grader must still see at the same path (its code, node) */
  keep: string[];
  /** host folders to cover with an empty tmpfs (the class, the out dir) */
  hide: string[];
  /** fresh folders to mount (default FRESH_DIRS; tests pass others) */
  fresh?: ReadonlyArray<readonly [string, string]>;
}

/**
 * Shell lines, run as root in a new mount namespace with the job folder as working directory, that give the
 * job its view: fresh /tmp, /var/tmp and /dev/shm always (wherever the grader, the class or the out dir live),
 * the job folder at /tmp/job, the folders in `keep` bound back read-only at their own paths when a fresh
 * tmpfs covered them, and the `hide` folders covered. Each kept folder is opened (fd 3..9) before anything is
 * mounted over it and bound back from /proc/self/fd, so no path needs to stay reachable meanwhile.
 */
export function viewScript(options: ViewOptions): string[] {
  const fresh = (options.fresh ?? FRESH_DIRS).filter(([dir]) => existsSync(dir));
  const covered = (path: string) => fresh.some(([dir]) => isUnder(path, dir));
  const keep = [...new Set(options.keep.map((p) => resolve(p)))]
    .filter((path) => covered(path) && !fresh.some(([dir]) => dir === path))
    .filter((path, i, all) => !all.some((other, j) => j !== i && isUnder(path, other) && path !== other))
    .slice(0, 7);
  const lines: string[] = [];
  keep.forEach((path, i) => {
    lines.push(`exec ${i + 3}< ${shellQuote(path)} || exit 97`);
  });
  for (const [dir, size] of fresh) {
    lines.push(`mount -t tmpfs -o size=${size},mode=1777 proxylab-tmp ${shellQuote(dir)} || exit 97`);
  }
  const bind = (from: string, to: string) =>
    `mkdir -p ${shellQuote(to)} && mount --no-canonicalize --bind ${from} ${shellQuote(to)}`;
  lines.push(`${bind('/proc/self/cwd', JOB_VIEW)} && cd ${JOB_VIEW} || exit 97`);
  keep.forEach((path, i) => {
    lines.push(
      `${bind(`/proc/self/fd/${i + 3}`, path)} || exit 97`,
      // read-only where the kernel allows it (a user namespace may not drop the host mount's locked flags)
      `mount -o remount,bind,ro ${shellQuote(path)} 2>/dev/null`,
      `exec ${i + 3}<&-`,
    );
  });
  // a folder inside another hidden one disappears with it (the out dir is often inside the class folder)
  const hide = [...new Set(options.hide.map((p) => resolve(p)))].filter(
    (dir, i, all) => !all.some((other, j) => j !== i && isUnder(dir, other) && dir !== other),
  );
  for (const dir of hide) {
    // under a fresh folder it is already gone; a folder holding the grader itself must stay
    if (!existsSync(dir) || covered(dir) || options.keep.some((path) => isUnder(resolve(path), dir)))
      continue;
    lines.push(`mount -t tmpfs -o size=16k,mode=755 proxylab-hidden ${shellQuote(dir)} || exit 97`);
  }
  return lines;
}
