import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { UsageError } from '../errors.js';
import { makeDirectory } from '../reporters/make-directory.js';
import { assertInputFolder } from './input-folder.js';
import { assertWritableDestination } from './writable-path.js';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'proxylab-dest-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('assertWritableDestination', () => {
  it('accepts a new file in a writable folder, missing folders included, and creates nothing', async () => {
    const dir = await tempDir();
    await assertWritableDestination('--format json:x', join(dir, 'a', 'b', 'r.json'), 'file');
    await assertWritableDestination('--out-dir', join(dir, 'out'), 'folder');
    await writeFile(join(dir, 'old.json'), '{}');
    await assertWritableDestination('--format json:x', join(dir, 'old.json'), 'file');
    expect(await readdir(dir)).toEqual(['old.json']);
  });

  it('refuses kernel filesystems, folders given as files, files given as folders and dangling links', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'file'), '');
    await symlink(join(dir, 'gone'), join(dir, 'dangling'));
    const cases: Array<[string, 'file' | 'folder', RegExp]> = [
      ['/proc/nope/x.json', 'file', /on procfs/],
      ['/proc/self/status', 'file', /on procfs/],
      ['/sys/kernel/x', 'folder', /on sysfs/],
      [dir, 'file', /is a folder, not a file/],
      [join(dir, 'file'), 'folder', /exists and is not a folder/],
      [join(dir, 'file', 'x.json'), 'file', /file is not a folder/],
      [join(dir, 'dangling'), 'file', /symbolic link to nothing/],
    ];
    for (const [path, kind, message] of cases) {
      const error = await assertWritableDestination('--x', path, kind).catch((e: unknown) => e);
      expect(error, path).toBeInstanceOf(UsageError);
      expect((error as Error).message, path).toMatch(message);
    }
  });
});

describe('makeDirectory', () => {
  it('creates nested folders and accepts existing ones', async () => {
    const dir = await tempDir();
    await makeDirectory(join(dir, 'a', 'b', 'c'));
    await makeDirectory(join(dir, 'a', 'b', 'c'));
    expect((await stat(join(dir, 'a', 'b', 'c'))).isDirectory()).toBe(true);
  });

  it('fails under /proc instead of looping forever as mkdir({ recursive: true }) does', async () => {
    await expect(makeDirectory('/proc/nope/a/b')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('assertInputFolder', () => {
  it('refuses a missing path and a file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'file'), '');
    await mkdir(join(dir, 'class'));
    await assertInputFolder('Batch directory', join(dir, 'class'));
    await expect(assertInputFolder('Batch directory', join(dir, 'nope'))).rejects.toThrow(/does not exist/);
    await expect(assertInputFolder('Batch directory', join(dir, 'file'))).rejects.toThrow(/is not a folder/);
  });
});
