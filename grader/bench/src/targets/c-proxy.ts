import { execFile } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findProgram } from './find-program.js';
import { findFreePort, startListening } from './start-listening.js';
import type { BenchContext, BenchTarget } from './types.js';

const SUBMISSIONS = join('grader', 'test', 'fixtures', 'submissions');

let builtDir: string | undefined;

// Builds a private copy (correct/ and the _common/ it includes) so the fixture tree is never written to.
async function buildCorrectSubmission(context: BenchContext): Promise<string | undefined> {
  const source = join(context.repoRoot, SUBMISSIONS);
  if (!existsSync(join(source, 'correct', 'Makefile'))) return `${join(source, 'correct')} has no Makefile`;
  const copy = join(context.workDir.makeDir('c-build'), 'submissions');
  for (const part of ['correct', '_common']) {
    cpSync(join(source, part), join(copy, part), {
      recursive: true,
      filter: (path) => !path.endsWith('/proxy') && !path.endsWith('.o'),
    });
  }
  const dir = join(copy, 'correct');
  const make = findProgram('make');
  if (!make) return 'make is not installed (a C toolchain is needed to build the submission)';
  try {
    await promisify(execFile)(make, ['-C', dir], { timeout: 120_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const output = stderr || (error as Error).message;
    return `make failed: ${output.split('\n').slice(-3).join(' / ')}`;
  }
  builtDir = dir;
  return undefined;
}

/** The corpus's correct submission: a thread-per-connection C proxy with a reader–writer-locked cache. */
export const cProxyTarget: BenchTarget = {
  name: 'c',
  label: 'C submission (threads)',
  isProxy: true,
  inHitCell: true,
  prepare: buildCorrectSubmission,
  async start(context) {
    if (builtDir === undefined) throw new Error('the C submission was not built');
    const port = await findFreePort();
    return startListening({
      name: 'c-proxy',
      dir: context.workDir.makeDir('c-proxy'),
      port,
      command: join(builtDir, 'proxy'),
      args: [String(port)],
    });
  },
};
