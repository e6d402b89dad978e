// Wherever the class folder, the out dir and the grader itself live (/tmp, /var/tmp, a home dir, /srv), every
// job is graded (a class under /var/tmp once made every job a grader-error: the hidden folder's mount failed)
// and sees fresh /tmp, /var/tmp and /dev/shm: nothing of the host's, and nothing it writes there reaches the host.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseCsv } from '../src/batch/csv.js';
import { removeCgroupSync } from '../src/batch/sandbox/cgroup.js';
import { detectSandbox } from '../src/batch/sandbox/detect.js';

const run = promisify(execFile);
const GRADER = join(import.meta.dirname, '..');
const FRESH = ['/tmp', '/var/tmp', '/dev/shm'].filter((dir) => existsSync(dir));
const tag = randomBytes(6).toString('hex');
const hostCanaries = FRESH.map((dir) => join(dir, `proxylab-host-canary-${tag}`));
const escapes = FRESH.map((dir) => join(dir, `proxylab-job-wrote-${tag}`));

/** A submission whose make lists the fresh folders, writes into each, and fails (a quick build-failed). */
const MAKEFILE = `proxy:
\t@for d in ${FRESH.join(' ')}; do echo "seen in $$d:"; ls -A $$d; done
\t@for f in ${escapes.join(' ')}; do echo x > $$f; done
\t@exit 1
`;

let namespaces = false;
beforeAll(async () => {
  const work = await mkdtemp(join('/tmp', 'proxylab-locations-probe-'));
  const probe = await detectSandbox('auto', work);
  if (probe.cgroup) removeCgroupSync(probe.cgroup.path);
  if (probe.memoryCgroup) removeCgroupSync(probe.memoryCgroup);
  await rm(work, { recursive: true, force: true });
  namespaces = probe.info.mode === 'namespace';
  for (const file of hostCanaries) await writeFile(file, 'host\n');
});

afterAll(async () => {
  for (const file of [...hostCanaries, ...escapes]) await rm(file, { force: true });
});

/** Grades a one-student class under `base` with the CLI at `cli`; returns the student's gradebook row and build.log. */
async function gradeUnder(base: string, cli: string): Promise<{ row: string[]; buildLog: string }> {
  const dir = await mkdtemp(join(base, 'proxylab-locations-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  await chmod(dir, 0o755);
  await mkdir(join(dir, 'class', 'alice'), { recursive: true });
  await writeFile(join(dir, 'class', 'alice', 'Makefile'), MAKEFILE);
  const out = join(dir, 'class', 'grade-out');
  await run(process.execPath, [cli, 'batch', join(dir, 'class'), '--out-dir', out, '--make-timeout', '20'], {
    timeout: 120_000,
  }).catch((error: { stderr?: string }) => {
    throw new Error(`batch failed: ${error.stderr}`);
  });
  const rows = parseCsv(await readFile(join(out, 'gradebook.csv'), 'utf8'));
  return { row: rows[1] as string[], buildLog: await readFile(join(out, 'alice', 'build.log'), 'utf8') };
}

function expectFreshView(buildLog: string): void {
  for (const dir of FRESH) expect(buildLog).toContain(`seen in ${dir}:`);
  for (const file of hostCanaries) expect(buildLog).not.toContain(file.split('/').pop());
  for (const file of escapes) expect(existsSync(file), file).toBe(false);
}

describe('batch wherever the class, the out dir and the grader live', () => {
  const builtCli = join(GRADER, 'dist', 'cli.js');
  const bases = ['/var/tmp', '/tmp', homedir(), '/srv'];

  it.each(bases)(
    'grades a class (and its out dir) under %s with fresh /tmp, /var/tmp, /dev/shm',
    async (base) => {
      if (!namespaces || !existsSync(base)) return;
      const { row, buildLog } = await gradeUnder(base, builtCli);
      expect(row.slice(0, 3)).toEqual(['alice', 'build-failed', '0']);
      expectFreshView(buildLog);
    },
  );

  it('grades with a grader installed under /tmp, still giving the job a fresh /tmp', async () => {
    if (!namespaces) return;
    const install = await mkdtemp(join('/tmp', 'proxylab-installed-'));
    onTestFinished(() => rm(install, { recursive: true, force: true }));
    await chmod(install, 0o755);
    for (const part of ['dist', 'rubrics', 'package.json']) {
      await cp(join(GRADER, part), join(install, 'grader', part), { recursive: true });
    }
    await symlink(join(GRADER, '..', 'node_modules'), join(install, 'node_modules'));
    const { row, buildLog } = await gradeUnder('/var/tmp', join(install, 'grader', 'dist', 'cli.js'));
    expect(row.slice(0, 3)).toEqual(['alice', 'build-failed', '0']);
    expectFreshView(buildLog);
  });
});
