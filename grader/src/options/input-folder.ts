import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';

/** `path` is an existing, readable folder; checked before anything (an out dir included) is created. */
export async function assertInputFolder(what: string, path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`${what} ${path} does not exist.`);
  if (!info.isDirectory()) throw new UsageError(`${what} ${path} is not a folder.`);
  await access(path, constants.R_OK | constants.X_OK).catch(() => {
    throw new UsageError(`${what} ${path} cannot be read.`);
  });
}
