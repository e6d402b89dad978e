import { END_OF_DATA } from '../harness/compare.js';
import { joinText, mapText, pick, runnerText } from '../i18n.js';
import { suiteTitle } from '../suites/index.js';
import type { CheckDef, CheckResult, CrashInfo, Lang, RubricSuite, SuiteResult, Text } from '../types.js';
import { exitText } from './exit-text.js';
import { describeHang, type HangFacts, hangHint } from './hang-facts.js';
import type { CheckRun } from './run-check.js';

export interface ResultOptions {
  /** driver.sh: a check during which the proxy died still scores what it fetched */
  keepFetched?: boolean;
  /** what the proxy was doing when the check timed out */
  hang?: HangFacts;
}

/** Turns what a check returned (and whether the proxy died meanwhile) into its scored result. */
export function checkResult(
  check: CheckDef,
  points: number,
  lang: Lang,
  run: CheckRun,
  crash: CrashInfo | undefined,
  options: ResultOptions = {},
): CheckResult {
  const { outcome } = run;
  if (outcome.skipped) {
    const skipped = pick(outcome.skipped, lang);
    return { ...notRunResult(check, 0, lang, {}), skipped, durationMs: run.durationMs };
  }
  const passed = outcome.passed && !run.timedOut && (!crash || options.keepFetched === true);
  let detail: Text | undefined = outcome.detail;
  let hint = outcome.hint ? pick(outcome.hint, lang) : undefined;
  if (crash) {
    const how = exitText(crash);
    const what = passed ? runnerText.diedAfterFetch : runnerText.crashed;
    const died = mapText(what, (line, l) => `${line} (${how[l]}).`);
    detail = joinText([died, outcome.detail]);
    hint = pick(runnerText.crashHint, lang);
  } else if (!passed) {
    const facts = options.hang ? describeHang(options.hang) : undefined;
    if (facts?.en) detail = joinText([detail, facts]);
    const hangFix = options.hang && hangHint(options.hang);
    hint ??= pick(hangFix ?? (run.timedOut ? runnerText.timeoutHint : check.hint), lang);
  }
  return {
    id: check.id,
    title: pick(check.title, lang),
    passed,
    score: passed ? points : 0,
    maxScore: points,
    durationMs: run.durationMs,
    timedOut: run.timedOut,
    detail: pickDetail(passed && !crash ? outcome.detail : detail, lang),
    expected: passed ? undefined : pickExcerpt(outcome.expected, lang),
    received: passed ? undefined : pickExcerpt(outcome.received, lang),
    hint: passed ? undefined : hint,
    reproduce: passed ? undefined : outcome.reproduce,
    crash,
    // the student report draws a failed concurrency or robustness check's connections
    timeline: !passed && /^(concurrency|robustness)\./.test(check.id) ? run.timeline : undefined,
  };
}

function pickDetail(detail: Text | undefined, lang: Lang): string | undefined {
  return detail === undefined ? undefined : pick(detail, lang);
}

/** An excerpt of bytes in the report's language: only its words change ('(end of data)'). */
function pickExcerpt(excerpt: Text | undefined, lang: Lang): string | undefined {
  if (excerpt === undefined) return undefined;
  const text = pick(excerpt, lang);
  return lang === 'ko' && text === END_OF_DATA ? '(데이터 끝)' : text;
}

/** A check that could not run: worth 0 of `points`. */
export function notRunResult(
  check: CheckDef,
  points: number,
  lang: Lang,
  why: { detail?: string; hint?: string },
): CheckResult {
  return {
    id: check.id,
    title: pick(check.title, lang),
    passed: false,
    score: 0,
    maxScore: points,
    durationMs: 0,
    timedOut: false,
    detail: why.detail,
    hint: why.hint,
  };
}

/** Sums a suite: points of passed checks, or all-or-nothing; skipped checks count neither way. */
export function suiteResult(
  rubricSuite: RubricSuite,
  checks: CheckResult[],
  lang: Lang,
  durationMs: number,
): SuiteResult {
  const maxScore = checks.reduce((n, c) => n + c.maxScore, 0);
  const earned = checks.reduce((n, c) => n + c.score, 0);
  const allPassed = checks.every((c) => c.passed || c.skipped);
  const score = rubricSuite.scoring === 'all-or-nothing' ? (allPassed ? maxScore : 0) : earned;
  return {
    id: rubricSuite.id,
    title: pick(suiteTitle(rubricSuite.id), lang),
    score,
    maxScore,
    durationMs,
    checks,
  };
}
