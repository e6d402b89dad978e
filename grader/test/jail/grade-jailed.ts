// Runs the grader CLI on a copy of a hostile fixture, as a user would (`--submission DIR --format json:PATH`),
// with canary files planted outside the class and a listener on the host's 127.0.0.1.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { RunReport } from '../../src/types.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

export interface JailedGrading {
  code: number | null;
  /** terminal output (stdout and stderr) */
  output: string;
  report: RunReport;
  /** the report's target notes, one string */
  notes: string;
  /** the jail's uid, from the notes */
  uid: number;
  /** the secret in every canary planted outside the class */
  token: string;
  /** connections the host listener on 127.0.0.1 accepted */
  hostConnections: number;
  work: string;
  classDir: string;
  submissionDir: string;
  outDir: string;
}

/**
 * Copies `fixture` (without build products) and `_common` into a class folder of a fresh temp dir, plants the
 * canaries (in the temp dir, in the class folder, in the out dir and under /root), opens a host listener whose
 * port goes into the copy's `host-port`, writes `write-targets` and `report-path`, and grades it.
 */
export async function gradeJailed(
  fixture: string,
  args: string[],
  during?: () => void,
): Promise<JailedGrading> {
  const work = await mkdtemp(join(tmpdir(), 'proxylab-jail-serial-'));
  onTestFinished(() => rm(work, { recursive: true, force: true }));
  const classDir = join(work, 'class');
  const submissionDir = join(classDir, 'student');
  const outDir = join(work, 'out');
  await mkdir(outDir, { recursive: true });
  const noBuilds = (source: string) => !/\/(proxy|snoop|big\.bin)$/.test(source);
  await cp(fixture, submissionDir, { recursive: true, filter: noBuilds });
  await cp(join(FIXTURES, 'submissions', '_common'), join(classDir, '_common'), { recursive: true });
  const token = `secret-${randomBytes(8).toString('hex')}`;
  const rootCanary = `/root/proxylab-canary-${token}`;
  onTestFinished(() => rm(rootCanary, { force: true }));
  for (const path of [
    join(work, 'proxylab-canary-tmp'),
    join(classDir, 'proxylab-canary-class'),
    join(outDir, 'proxylab-canary-out'),
    rootCanary,
  ]) {
    await writeFile(path, `${token}\n`, { mode: 0o644 });
  }
  await writeFile(join(submissionDir, 'proxylab-canary-own'), 'own-file\n');
  const reportPath = join(outDir, 'report.json');
  await writeFile(join(submissionDir, 'report-path'), `${reportPath}\n`);
  await writeFile(join(submissionDir, 'write-targets'), `${submissionDir}\n${classDir}\n${outDir}\n`);
  let hostConnections = 0;
  const listener: Server = createServer((socket) => {
    hostConnections++;
    socket.destroy();
  });
  onTestFinished(() => new Promise<void>((done) => listener.close(() => done())));
  await new Promise<void>((done) => listener.listen(0, '127.0.0.1', done));
  const address = listener.address();
  await writeFile(join(submissionDir, 'host-port'), String(typeof address === 'object' && address?.port));

  const child = spawn(
    process.execPath,
    [CLI, '--submission', submissionDir, '--format', `json:${reportPath}`, '--format', 'terminal', ...args],
    {
      env: { ...process.env, NO_COLOR: '1', PROXYLAB_ISOLATED: '', PROXYLAB_JAIL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const timer = during ? setInterval(during, 100) : undefined;
  const code = await new Promise<number | null>((done) => child.once('close', (c) => done(c)));
  clearInterval(timer);
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as RunReport;
  const notes = report.target.notes.join('\n');
  const uid = Number(/ran as uid (\d+)/.exec(notes)?.[1]);
  return { code, output, report, notes, uid, token, hostConnections, work, classDir, submissionDir, outDir };
}

/** Pids of live processes whose name (comm) is `name`. */
export function processesNamed(name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      if (comm === name && !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) found.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return found;
}
