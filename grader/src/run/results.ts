import { END_OF_DATA } from '../harness/compare.js';
import { joinText, mapText, pick, runnerText } from '../i18n.js';
import type { MeasuredCheck } from '../scoring/score.js';
import type { CheckDef, CrashInfo, Lang, Text } from '../types.js';
import { exitText } from '../process/exit-text.js';
import { describeHang, type HangFacts, hangHint } from './hang-facts.js';
import type { CheckRun } from './run-check.js';

export interface ResultOptions {
  /** driver.sh: a check during which the proxy died still scores what it fetched */
  keepFetched?: boolean;
  /** what the proxy was doing when the check timed out */
  hang?: HangFacts;
}

/** Turns what a check returned (and whether the proxy died meanwhile) into its measured result. */
export function checkResult(
  check: CheckDef,
  lang: Lang,
  run: CheckRun,
  crash: CrashInfo | undefined,
  options: ResultOptions = {},
): MeasuredCheck {
  const { outcome } = run;
  if (outcome.skipped) {
    return {
      ...notRunResult(check, lang, {}),
      skipped: pick(outcome.skipped, lang),
      durationMs: run.durationMs,
    };
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

/** A check that could not run: a failed one (a skipped one when the caller adds `skipped`). */
export function notRunResult(
  check: CheckDef,
  lang: Lang,
  why: { detail?: string; hint?: string },
): MeasuredCheck {
  return {
    id: check.id,
    title: pick(check.title, lang),
    passed: false,
    durationMs: 0,
    timedOut: false,
    detail: why.detail,
    hint: why.hint,
  };
}
