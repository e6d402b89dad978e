import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SMALL_OBJECT_BYTES = 1024;
export const LARGE_OBJECT_BYTES = 10 * 1024 * 1024;
export const SMALL_OBJECT_PATH = '/1k.bin';
export const LARGE_OBJECT_PATH = '/10m.bin';

export interface WorkDir {
  readonly root: string;
  /** Document root the origin serves (the two objects). */
  readonly www: string;
  /** A fresh sub-directory for one program's config, pid file and logs. */
  makeDir(name: string): string;
  remove(): void;
}

/** A private temp directory holding the objects served and every config and log of the run. */
export function createWorkDir(): WorkDir {
  const root = mkdtempSync(join(tmpdir(), 'proxylab-bench-'));
  const www = join(root, 'www');
  mkdirSync(www);
  // Random bytes: nothing on the path can compress or special-case them.
  writeFileSync(join(www, SMALL_OBJECT_PATH.slice(1)), randomBytes(SMALL_OBJECT_BYTES));
  writeFileSync(join(www, LARGE_OBJECT_PATH.slice(1)), randomBytes(LARGE_OBJECT_BYTES));
  let made = 0;
  return {
    root,
    www,
    makeDir(name) {
      const dir = join(root, `${++made}-${name}`);
      mkdirSync(dir, { mode: 0o777 });
      return dir;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
