import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Absolute path of an installed program (PATH, then the sbin directories daemons live in), or undefined. */
export function findProgram(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/local/sbin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** A version a program prints for `args` (on stdout or stderr, whatever its exit code), or undefined. */
export function readVersion(program: string, args: readonly string[], pattern: RegExp): string | undefined {
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 10_000 });
  return pattern.exec(`${result.stdout ?? ''}\n${result.stderr ?? ''}`)?.[1];
}
