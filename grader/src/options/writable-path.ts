import { constants } from 'node:fs';
import { access, lstat, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { pseudoFilesystemOf } from './pseudo-filesystems.js';

/** What a destination must be: a file the grader will (re)write, or a folder it will create files in. */
export type DestinationKind = 'file' | 'folder';

/**
 * Checks, without creating anything, that `path` can be written as a `kind` once the run ends: an existing path of
 * the right type that is writable, or a missing one whose nearest existing ancestor is a writable folder. Refuses
 * /proc, /sys and other kernel filesystems. Throws a UsageError that names `what` (e.g. `--format json:x.json`).
 */
export async function assertWritableDestination(
  what: string,
  path: string,
  kind: DestinationKind,
): Promise<void> {
  const full = resolve(path);
  const fail = (reason: string, details: string[] = []): never => {
    throw new UsageError(`${what}: ${reason}`, details);
  };
  const existing = await lstat(full).catch(() => undefined);
  if (existing) {
    const info = existing.isSymbolicLink() ? await stat(full).catch(() => undefined) : existing;
    if (!info) fail(`${path} is a symbolic link to nothing.`);
    await refusePseudo(full, path, fail);
    if (kind === 'file' && info?.isDirectory()) fail(`${path} is a folder, not a file.`);
    if (kind === 'folder' && !info?.isDirectory()) fail(`${path} exists and is not a folder.`);
    if (kind === 'file' && !info?.isFile() && !info?.isFIFO() && !info?.isCharacterDevice()) {
      fail(`${path} is not a regular file.`);
    }
    await assertAccess(full, kind === 'folder', path, fail);
    return;
  }
  const ancestor = await nearestExisting(full);
  const info = await stat(ancestor).catch(() => undefined);
  if (!info?.isDirectory()) fail(`${ancestor} is not a folder, so ${path} cannot be created.`);
  await refusePseudo(ancestor, path, fail);
  await assertAccess(ancestor, true, ancestor, fail);
}

async function refusePseudo(full: string, shown: string, fail: (reason: string) => never): Promise<void> {
  const pseudo = await pseudoFilesystemOf(full);
  if (pseudo) fail(`${shown} is on ${pseudo}, a kernel filesystem that holds no files.`);
}

async function assertAccess(
  full: string,
  isFolder: boolean,
  shown: string,
  fail: (reason: string, details?: string[]) => never,
): Promise<void> {
  const mode = isFolder ? constants.W_OK | constants.X_OK : constants.W_OK;
  try {
    await access(full, mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EROFS' ? 'is on a read-only filesystem' : 'is not writable';
    fail(`${shown} ${why}.`, [`${code ?? 'error'}: ${full}`]);
  }
}

/** The longest existing prefix of `full` (the root always exists). */
async function nearestExisting(full: string): Promise<string> {
  let current = full;
  while (!(await lstat(current).catch(() => undefined))) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}
