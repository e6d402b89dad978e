import { existsSync, lstatSync, readlinkSync } from 'node:fs';

/** The /etc entries a build and a proxy need: the dynamic loader, names, resolver, services, alternatives. */
const ETC_ENTRIES = [
  'ld.so.cache',
  'ld.so.conf',
  'ld.so.conf.d',
  'alternatives',
  'passwd',
  'group',
  'hosts',
  'host.conf',
  'nsswitch.conf',
  'resolv.conf',
  'gai.conf',
  'services',
  'protocols',
  'localtime',
];

/** The top-level folders of the toolchain that live outside /usr (or are links into it, on merged-/usr hosts). */
const ROOT_LINKS = ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32'];

export interface JailView {
  /** folders the jail may write (its copy of the submission) */
  writable: string[];
  /** folders it may read only (e.g. the current folder of a --proxy-cmd) */
  readOnly: string[];
  /** working directory inside the jail */
  cwd: string;
}

/**
 * bwrap arguments for the student's filesystem: the toolchain read-only, fresh /tmp, /var/tmp and /dev/shm,
 * its own folders, and nothing else (no home, no other student, no out dir, no grader file).
 */
export function buildViewArgs(view: JailView, root = '/'): string[] {
  const args = ['--ro-bind', '/usr', '/usr'];
  for (const name of ROOT_LINKS) {
    const path = `${root}${name}`;
    const info = lstatOrUndefined(path);
    if (info?.isSymbolicLink()) args.push('--symlink', readlinkSync(path), `/${name}`);
    else if (info?.isDirectory()) args.push('--ro-bind', `/${name}`, `/${name}`);
  }
  args.push('--dir', '/etc');
  for (const name of ETC_ENTRIES) {
    if (existsSync(`${root}etc/${name}`)) args.push('--ro-bind', `/etc/${name}`, `/etc/${name}`);
  }
  args.push('--proc', '/proc', '--dev', '/dev');
  args.push('--perms', '1777', '--size', String(512 << 20), '--tmpfs', '/tmp');
  args.push('--perms', '1777', '--size', String(64 << 20), '--tmpfs', '/var/tmp');
  args.push('--perms', '1777', '--size', String(64 << 20), '--tmpfs', '/dev/shm');
  // bwrap would give the folders it creates above a bind the host's modes (a mode-700 job folder would lock the
  // jail out of its own absolute paths): they are created world-searchable instead, and hold nothing else
  for (const dir of ancestorsOf([...view.readOnly, ...view.writable]))
    args.push('--perms', '0755', '--dir', dir);
  for (const dir of view.readOnly) args.push('--ro-bind', dir, dir);
  for (const dir of view.writable) args.push('--bind', dir, dir);
  args.push('--chdir', view.cwd);
  return args;
}

const SYSTEM_DIRS = ['/usr', '/etc', '/proc', '/dev', '/sys'];

/** Every folder above the given ones (not the root, not inside the toolchain or the kernel's), parents first. */
function ancestorsOf(paths: string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      if (!SYSTEM_DIRS.some((system) => dir === system || dir.startsWith(`${system}/`))) found.add(dir);
    }
  }
  return [...found].sort((a, b) => a.split('/').length - b.split('/').length);
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
