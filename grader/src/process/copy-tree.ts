import { cp, lchown, lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Copies a student's folder: symlinks as links (never followed), regular files and folders; fifos and devices left out. */
export async function copyTree(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    dereference: false,
    verbatimSymlinks: true,
    preserveTimestamps: true,
    filter: async (source) => {
      const info = await lstat(source);
      return info.isDirectory() || info.isFile() || info.isSymbolicLink();
    },
  });
}

/** Gives a whole tree to `uid` (links themselves, not their targets). */
export async function chownTree(path: string, uid: number): Promise<void> {
  await lchown(path, uid, uid);
  const info = await lstat(path);
  if (!info.isDirectory()) return;
  for (const entry of await readdir(path)) await chownTree(join(path, entry), uid);
}
