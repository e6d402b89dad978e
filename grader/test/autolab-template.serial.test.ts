import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const template = join(root, 'grader', 'templates', 'autolab');
const fixtures = join(root, 'grader', 'test', 'fixtures', 'submissions');

/** Autolab's default parseAutoresult: the last non-empty line, bare words before a colon quoted, JSON, `scores`. */
function parseAutoresult(output: string): Record<string, number> {
  const line = output.trimEnd().split('\n').at(-1) ?? '';
  const parsed = JSON.parse(line.replaceAll(/([a-zA-Z0-9]+):/g, '"$1":')) as {
    scores?: Record<string, number>;
  };
  if (!parsed.scores) throw new Error("Missing 'scores' object in the autoresult");
  return parsed.scores;
}

// A CS:APP-style handin: `make handin` tars the handout folder, self-contained (no ../_common).
function makeHandin(dir: string, files: Record<string, string>): string {
  const folder = join(dir, 'proxylab-handout');
  mkdirSync(folder, { recursive: true });
  for (const [name, from] of Object.entries(files)) copyFileSync(from, join(folder, name));
  writeFileSync(
    join(folder, 'Makefile'),
    'proxy: *.c\n\tgcc -O2 -pthread -I. -o proxy $(filter-out proxy.c,$(wildcard *.c)) proxy.c\n',
  );
  execFileSync('tar', ['-cf', join(dir, 'handin.tar'), '-C', dir, 'proxylab-handout']);
  return join(dir, 'handin.tar');
}

// Tango's steps: autograde-Makefile as Makefile, autograde.tar and handin.tar beside it, `make`.
function runAutograder(dir: string): string {
  const stage = join(dir, 'stage', 'proxylab-autolab');
  mkdirSync(stage, { recursive: true });
  copyFileSync(join(template, 'grade-handin.sh'), join(stage, 'grade-handin.sh'));
  symlinkSync(root, join(stage, 'proxylab'));
  execFileSync('tar', ['-cf', join(dir, 'autograde.tar'), '-C', join(dir, 'stage'), 'proxylab-autolab']);
  copyFileSync(join(template, 'autograde-Makefile'), join(dir, 'Makefile'));
  const make = spawnSync('make', ['-s'], { cwd: dir, encoding: 'utf8', timeout: 150_000 });
  expect(make.status, make.stderr).toBe(0);
  return make.stdout;
}

describe('the Autolab template', () => {
  const dirs: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxylab-autolab-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const common = Object.fromEntries(
    readdirSync(join(fixtures, '_common'))
      .filter((name) => name !== 'proxy.c' && name !== 'relay_by_length.c')
      .map((name) => [name, join(fixtures, '_common', name)]),
  );

  it("grades a correct handin and Autolab's parser reads driver.sh's problems at full marks", () => {
    const dir = temp();
    makeHandin(dir, { ...common, 'proxy.c': join(fixtures, '_common', 'proxy.c') });
    const output = runAutograder(dir);
    expect(parseAutoresult(output)).toEqual({ Basic: 40, Concurrency: 15, Caching: 15 });
    expect(output).toContain('Score: 70/70');
  });

  it('gives a proxy that crashes on its first request the same 0 in the terminal and in the autoresult', () => {
    const dir = temp();
    const crash = join(dir, 'crash.c');
    writeFileSync(
      crash,
      [
        '#include <netinet/in.h>',
        '#include <stdlib.h>',
        '#include <sys/socket.h>',
        '#include <unistd.h>',
        'int main(int argc, char **argv) {',
        '  int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;',
        '  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);',
        '  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };',
        '  bind(s, (struct sockaddr *)&a, sizeof a);',
        '  listen(s, 16);',
        '  int c = accept(s, 0, 0);',
        '  char buf[64];',
        '  read(c, buf, sizeof buf);',
        '  *(volatile int *)0 = 0;',
        '  return 0;',
        '}',
        '',
      ].join('\n'),
    );
    makeHandin(dir, { 'proxy.c': crash });
    const output = runAutograder(dir);
    expect(parseAutoresult(output)).toEqual({ Basic: 0, Concurrency: 0, Caching: 0 });
    expect(output).toMatch(/SIGSEGV/);
    expect(output).toContain('Score: 0/70');
  });
});
