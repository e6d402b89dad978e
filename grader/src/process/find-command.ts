import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Absolute path of `name` on PATH (plus the sbin folders, where Debian keeps `ip`), or undefined. */
export function findCommand(name: string, path = process.env.PATH ?? ''): string | undefined {
  const dirs = [...path.split(delimiter), '/usr/local/sbin', '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    if (!dir) continue;
    const full = join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Single-quotes a word for /bin/sh. */
export const shellQuote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;
