// Submissions that behave as the correct proxy while attacking their own grading (forging the report files,
// stopping, killing and ptracing the grader, reading outside their folder, spraying the grader's origin ports),
// graded with --jobs 2: each keeps its true score, and the gradebook, every report format and the progress lines
// agree on it; nothing forged, read or written outside the job shows up anywhere; nothing of the jobs is left.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import net from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/batch/csv.js';
import { resolveStudentFormats } from '../src/batch/formats.js';
import { runBatch } from '../src/batch/run-batch.js';
import { findLeftovers } from './support/batch/leftovers.js';
import { detectJail } from '../src/process/jail/index.js';
import { scoresInFolder } from './support/batch/format-scores.js';
import type { BatchSummary } from '../src/batch/types.js';

const INTEGRITY = join(import.meta.dirname, 'fixtures', 'hostile-submissions', 'integrity');
const FORMATS = ['junit', 'gradescope', 'autolab', 'classroom', 'markdown', 'terminal'];
const ESCAPE = 'proxylab-escape-snoop';

interface Expected {
  status: string;
  score: number;
  /** a phrase of the reason the student is given */
  reason?: string;
  /** 'jail': only graded where student code is jailed (it touches 3 GiB, which only the memory cgroup stops) */
  requires?: 'jail';
}

let work: string;
let classDir: string;
let outDir: string;
let canaryDir: string;
let secret: string;
let summary: BatchSummary;
let progress = '';
let expected: Record<string, Expected>;
let hostListener: net.Server;
let hostConnections = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'proxylab-batch-integrity-'));
  classDir = join(work, 'class');
  outDir = join(work, 'out');
  // a world-readable canary outside the class and outside /tmp (which every job gets fresh anyway)
  canaryDir = await mkdtemp(join(process.getuid?.() === 0 ? '/var/lib' : homedir(), 'proxylab-canary-'));
  await chmod(canaryDir, 0o755);
  secret = `canary-${randomBytes(8).toString('hex')}`;
  await writeFile(join(canaryDir, 'canary.txt'), `${secret}\n`, { mode: 0o644 });
  expected = JSON.parse(await readFile(join(INTEGRITY, 'expected.json'), 'utf8')) as Record<string, Expected>;
  const jailed = (await detectJail()).available;
  for (const [name, want] of Object.entries(expected)) {
    if (want.requires === 'jail' && !jailed) delete expected[name];
  }
  await mkdir(classDir);
  for (const name of [...Object.keys(expected), '_common', '_attack']) {
    await cp(join(INTEGRITY, name), join(classDir, name), {
      recursive: true,
      dereference: true,
      filter: (source) => !/\/(proxy|\.attack\.lock)$/.test(source),
    });
  }
  // a listener of the host's on 127.0.0.1: a job's loopback is its own, so nothing may ever reach it
  hostListener = net.createServer((socket) => {
    hostConnections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => hostListener.listen(0, '127.0.0.1', resolve));
  const hostPort = (hostListener.address() as net.AddressInfo).port;
  const forbidden = [
    join(canaryDir, 'canary.txt'),
    canaryDir,
    join(classDir, 'assassin'),
    classDir,
    outDir,
    `tcp:${hostPort}`,
  ];
  await writeFile(join(classDir, 'snoop', 'paths.txt'), `${forbidden.join('\n')}\n`);
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => {
    progress += chunk.toString('utf8');
  });
  summary = await runBatch({
    dir: classDir,
    outDir,
    jobs: 2,
    makeTimeoutSeconds: 30,
    budgetSeconds: 90,
    formats: FORMATS,
    progress: sink,
  });
}, 300_000);

afterAll(async () => {
  await new Promise((resolve) => hostListener?.close(resolve));
  if (work) await rm(work, { recursive: true, force: true });
  if (canaryDir) await rm(canaryDir, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('a batch of submissions attacking their own grading (--jobs 2)', () => {
  it('gives each its true score, and every format, the gradebook and the progress line agree', async () => {
    const rows = parseCsv(await readFile(summary.files.gradebook, 'utf8'));
    const formats = resolveStudentFormats(FORMATS);
    for (const [name, want] of Object.entries(expected)) {
      const got = summary.students.find((s) => s.student === name);
      const where = `${name}: ${JSON.stringify(got)}`;
      expect(got?.status, where).toBe(want.status);
      expect(got?.score, where).toBe(want.score);
      if (want.reason) expect(got?.reason, where).toContain(want.reason);
      expect(rows.find((r) => r[0] === name)?.slice(1, 3), where).toEqual([want.status, String(want.score)]);
      const scores = await scoresInFolder(join(outDir, name), formats);
      expect(scores, where).toEqual(Object.fromEntries(formats.map((f) => [f.file, want.score])));
      expect(progress, where).toContain(`${name} ${want.score}/100 (${want.status}`);
    }
  });

  it('shows nothing a submission forged or read: no forged file, no canary, no other student', async () => {
    for (const file of await filesUnder(outDir)) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toContain('FORGED');
      expect(text, file).not.toContain(secret);
      // what snoop saw, at build time (its error messages aside) or at run time
      expect(text, file).not.toMatch(
        /snoop: read|snoop: .* holds|^snoop at build time: (?!(head|ls|touch): )/m,
      );
    }
  });

  it('lets nothing reach a listener on the host loopback (127.0.0.1)', () => {
    expect(hostConnections).toBe(0);
  });

  it('lets no file appear outside the job folder', async () => {
    const places = ['/tmp', '/var/tmp', '/dev/shm', homedir(), canaryDir, classDir, outDir];
    for (const place of places) {
      for (const name of [ESCAPE, `${ESCAPE}-make`]) expect(existsSync(join(place, name)), place).toBe(false);
    }
    expect(await readdir(canaryDir)).toEqual(['canary.txt']);
    for (const file of await filesUnder(classDir)) expect(file).not.toMatch(/escape|\.attack\.lock|\/proxy$/);
  });

  it('leaves no process of the jobs, no cgroup and no temporary folder', () => {
    expect(findLeftovers(summary)).toEqual({ processes: [], cgroup: false, tempRoot: false });
  });
});
