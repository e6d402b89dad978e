// `--sandbox docker --submission`: a flawed C handout loses exactly the checks it loses without the sandbox, a
// handout that does not compile is a 0 with the compiler's output, and Ctrl-C removes every container and image.
// Needs root, Docker and the gcc base image (docker/make-base-image.sh gcc).
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { connectDocker } from '../src/targets/container/docker.js';
import { BUILD_LABEL, HOLDER_LABEL } from '../src/targets/container/settings.js';
import { CLI, gradeToReport, lostChecks, startCommand } from './support/container/run-command.js';
import type { RunReport } from '../src/types.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'submissions');
const SEED = 'docker-parity';
let work: string;

beforeAll(async () => {
  // private copies: the plain run's make writes its binary next to the sources
  work = await mkdtemp(join(tmpdir(), 'proxylab-sandbox-test-'));
  for (const name of ['_common', 'http11-no-close', 'sigpipe', 'correct']) {
    await cp(join(FIXTURES, name), join(work, name), { recursive: true });
  }
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const crashSignals = (report: RunReport) =>
  report.crashes.map((c) => `${c.checkId}:${c.signal ?? c.exitCode}`);

/** What one run of a holder left: containers sharing or being its network, and its build layers. */
async function leftoversOf(holderPrefix: string): Promise<string[]> {
  const { docker } = await connectDocker();
  const containers = (await docker.listContainers({ all: true }))
    .filter((c) => c.Id.startsWith(holderPrefix) || c.Labels[HOLDER_LABEL]?.startsWith(holderPrefix))
    .map((c) => `container ${c.Id.slice(0, 12)} ${c.State}`);
  const images = (await docker.listImages({ all: true, filters: { label: [BUILD_LABEL] } }))
    .filter((i) => i.Labels?.[BUILD_LABEL]?.startsWith(holderPrefix))
    .map((i) => `image ${i.Id.slice(7, 19)}`);
  return [...containers, ...images];
}

describe('--sandbox docker', () => {
  for (const fixture of ['http11-no-close', 'sigpipe']) {
    it(`the flawed submission ${fixture} loses the same checks, with the same crashes, as without the sandbox`, async () => {
      const dir = join(work, fixture);
      const plain = await gradeToReport(['--submission', dir, '--seed', SEED]);
      const boxed = await gradeToReport([
        '--sandbox',
        'docker',
        '--submission',
        dir,
        '--seed',
        SEED,
        '--verbose',
      ]);
      expect(boxed.run.code, boxed.run.stderr.slice(-2000)).toBe(0);
      expect(boxed.report.build?.ok).toBe(true);
      expect(lostChecks(plain.report).length).toBeGreaterThan(0);
      expect(lostChecks(boxed.report)).toEqual(lostChecks(plain.report));
      expect(boxed.report.score).toBe(plain.report.score);
      expect(crashSignals(boxed.report)).toEqual(crashSignals(plain.report));
      const holder = /network holder ([0-9a-f]{12})/.exec(boxed.run.stderr)?.[1] as string;
      expect(await leftoversOf(holder)).toEqual([]);
    });
  }

  it('a submission that does not compile gets 0 and the compiler output, not a grader error', async () => {
    const dir = join(work, 'broken');
    await mkdir(dir);
    await writeFile(join(dir, 'Makefile'), 'proxy: proxy.c\n\tgcc -o proxy proxy.c\n');
    await writeFile(join(dir, 'proxy.c'), 'int main( { return 0; }\n');
    const { report, run } = await gradeToReport(['--sandbox', 'docker', '--submission', dir, '--verbose']);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    expect([report.score, report.targetStarted, report.build?.ok]).toEqual([0, false, false]);
    expect(report.target.notes[0]).toMatch(
      /exited with code 2 in the build container: the submission does not build/,
    );
    expect(report.build?.outputTail.join('\n')).toMatch(/proxy\.c:1:\d+: error/);
    const holder = /network holder ([0-9a-f]{12})/.exec(run.stderr)?.[1] as string;
    expect(await leftoversOf(holder)).toEqual([]);
  });

  it('Ctrl-C while the proxy container runs exits 130 and removes the holder, the proxy and the image', async () => {
    const grading = startCommand(
      [process.execPath, CLI, '--sandbox', 'docker', '--submission', join(work, 'correct'), '--verbose'],
      { timeoutMs: 120_000 },
    );
    onTestFinished(() => grading.signal('SIGKILL'));
    const holder = /network holder ([0-9a-f]{12})/.exec(await grading.waitForStderr(/network holder /))?.[1];
    await grading.waitForStderr(/started container [0-9a-f]{12} /);
    expect(await leftoversOf(holder as string)).not.toEqual([]);
    grading.signal('SIGINT');
    const run = await grading.done;
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/interrupted \(SIGINT\)/);
    expect(await leftoversOf(holder as string)).toEqual([]);
  });
});
