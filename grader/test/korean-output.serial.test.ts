// --lang ko leaves no English sentence in what a student reads: check titles, details, hints, expected/received
// excerpts, skip reasons, target notes and crash explanations, for the reference and for flawed proxies.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { explainCheck, explainRun } from '../src/reporters/explain.js';
import { messagesFor } from '../src/reporters/messages.js';
import { grade } from '../src/run/grade.js';
import { loadRubric } from '../src/scoring/rubric.js';
import { checkRegistry } from '../src/suites/index.js';
import { createCommandTarget } from '../src/targets/command.js';
import { createReferenceTarget } from '../src/targets/reference.js';
import { createSubmissionTarget } from '../src/targets/submission.js';
import type { Target } from '../src/targets/target.js';
import type { RunReport } from '../src/types.js';
import { englishRuns } from './support/english-runs.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const submission = (name: string) => join(FIXTURES, 'submissions', name);
// one of each kind of flaw: a crash, hangs (serialised, spinning), a cache flaw, a header flaw
const FLAWED = ['crash-malformed', 'sequential', 'cache-trailing-garbage', 'drop-headers'];

beforeAll(async () => {
  await Promise.all(FLAWED.map((name) => promisify(execFile)('make', ['-s', '-C', submission(name)])));
}, 120_000);

async function gradeInKorean(target: Target, budgetMs = 120_000): Promise<RunReport> {
  return grade({
    target,
    rubric: await loadRubric('default', new Set(checkRegistry.keys())),
    checks: checkRegistry,
    seed: 'korean',
    lang: 'ko',
    version: 'test',
    budgetMs,
  });
}

/** Every student-facing line of the report, labelled with where it came from. */
function studentLines(report: RunReport): Array<[string, string]> {
  const m = messagesFor('ko');
  // make's output and the proxy's own are quoted as they came (notes carry them as '  | line')
  const quoted = new Set(report.build?.outputTail.map((line) => `  ${line}`));
  const lines: Array<[string, string]> = explainRun(report, m)
    .filter((line) => !quoted.has(line) && !line.startsWith(`${m.notes}:   | `))
    .map((line) => ['run', line]);
  for (const suite of report.suites) {
    lines.push([suite.id, suite.title]);
    for (const check of suite.checks) {
      lines.push([check.id, check.title]);
      // the proxy's own output is quoted as it came
      const ownOutput = new Set(check.crash?.outputTail.map((line) => `  ${line}`));
      for (const line of explainCheck(check, m)) if (!ownOutput.has(line)) lines.push([check.id, line]);
    }
  }
  return lines;
}

function englishIn(report: RunReport): string[] {
  return studentLines(report).flatMap(([where, line]) =>
    englishRuns(line).map((run) => `${where}: «${run}» in ${line}`),
  );
}

describe('--lang ko: no English sentence reaches the student', () => {
  it('finds the English a report would carry (the detector works)', () => {
    expect(englishRuns('상세: The proxy stopped accepting connections.')).toEqual([
      'The proxy stopped accepting connections',
    ]);
    expect(englishRuns('받은 값: (end of data)')).toEqual(['end of data']);
    expect(
      englishRuns("원 서버가 'GET /path HTTP/1.0' 요청과 User-Agent, Connection: close를 받았습니다"),
    ).toEqual([]);
  });

  it('for the reference proxy', async () => {
    const report = await gradeInKorean(createReferenceTarget());
    expect(report.score).toBe(report.maxScore);
    expect(englishIn(report)).toEqual([]);
  });

  for (const name of FLAWED) {
    it(`for the flawed submission "${name}"`, async () => {
      const report = await gradeInKorean(createSubmissionTarget(submission(name)));
      expect(report.score).toBeLessThan(report.maxScore);
      expect(englishIn(report)).toEqual([]);
    });
  }

  it('for a proxy that spins, under a short budget', async () => {
    const spins = join(FIXTURES, 'hostile', 'spins.mjs');
    const report = await gradeInKorean(createCommandTarget(`node ${spins} {port} /dev/null`), 15_000);
    expect(report.score).toBe(0);
    expect(englishIn(report)).toEqual([]);
  });

  it('for a submission whose build fails', async () => {
    const report = await gradeInKorean(
      createSubmissionTarget(join(FIXTURES, 'hostile-submissions', 'make-fails')),
    );
    expect(report.targetStarted).toBe(false);
    expect(englishIn(report)).toEqual([]);
  });
});
