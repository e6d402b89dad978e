import { statfs } from 'node:fs/promises';

// statfs(2) magic numbers of kernel filesystems that are not storage: a report written there would be lost, or
// (as root, under /proc/sys or /sys) change the kernel. procfs also answers ENOENT to mkdir of any new name, which
// sends Node's recursive mkdir into an endless loop.
const PSEUDO_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, 'procfs'],
  [0x62656572, 'sysfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0x6e736673, 'nsfs'],
  [0x42494e4d, 'binfmt_misc'],
  [0xf97cff8c, 'selinuxfs'],
]);

/** The name of the pseudo filesystem `path` (which must exist) lives on, or undefined for a real one. */
export async function pseudoFilesystemOf(path: string): Promise<string | undefined> {
  const info = await statfs(path).catch(() => undefined);
  return info ? PSEUDO_FILESYSTEMS.get(Number(info.type)) : undefined;
}
