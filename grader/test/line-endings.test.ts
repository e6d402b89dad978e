import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const git = (args: string[], cwd = root) => execFileSync('git', args, { cwd, encoding: 'utf8' });
const tracked = existsSync(join(root, '.git'))
  ? git(['ls-files'])
      .split('\n')
      .filter((path) => path && lstatSync(join(root, path), { throwIfNoEntry: false })?.isFile())
  : [];

// A checkout made on Windows (core.autocrlf=true) must still run: every script keeps LF, every binary its bytes.
describe.skipIf(tracked.length === 0)('a checkout made with core.autocrlf=true', () => {
  const dir = mkdtempSync(join(tmpdir(), 'proxylab-crlf-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  git(['clone', '-q', '--no-hardlinks', '-c', 'core.autocrlf=true', root, join(dir, 'checkout')], dir);
  const checkout = join(dir, 'checkout');
  const present = (path: string) => existsSync(join(checkout, path));

  it('keeps LF in every shell script, Makefile and C source', () => {
    const scripts = tracked.filter(
      (path) =>
        /\.(sh|c|h)$/.test(path) ||
        /(^|\/)(Makefile|run_autograder|adder|run)$/.test(path) ||
        readFileSync(join(root, path)).subarray(0, 2).toString() === '#!',
    );
    expect(scripts.length).toBeGreaterThan(10);
    const withCr = scripts.filter((path) => present(path) && readFileSync(join(checkout, path)).includes(13));
    expect(withCr).toEqual([]);
  });

  it('keeps the corpus binaries byte for byte', () => {
    const binaries = tracked.filter((path) => /\.(png|gif|bin)$/.test(path));
    expect(binaries.length).toBeGreaterThan(0);
    for (const path of binaries) {
      if (present(path))
        expect(readFileSync(join(checkout, path)).equals(readFileSync(join(root, path)))).toBe(true);
    }
  });
});
