import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Submission } from './discover.js';

/**
 * A content hash of everything a grading depends on in the submission: every file's relative path, type,
 * executable bit and bytes (symlinks by their text, never followed), plus the sibling folders its build reaches.
 */
export async function hashSubmission(submission: Submission): Promise<string> {
  const hash = createHash('sha256');
  await hashTree(hash, submission.dir, '.');
  for (const [name, dir] of [...submission.siblings].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await hashTree(hash, dir, `../${name}`);
  }
  return hash.digest('hex');
}

async function hashTree(hash: Hash, dir: string, prefix: string): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const rel = `${prefix}/${entry.name}`;
    const info = await lstat(path);
    if (info.isSymbolicLink()) {
      hash.update(`L\0${rel}\0${await readlink(path)}\0`);
    } else if (info.isDirectory()) {
      hash.update(`D\0${rel}\0`);
      await hashTree(hash, path, rel);
    } else if (info.isFile()) {
      hash.update(`F\0${rel}\0${info.mode & 0o111 ? 'x' : '-'}\0${info.size}\0`);
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    }
  }
}
