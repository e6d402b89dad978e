import { describeSignal } from '../process/process-group.js';
import { pick, runnerText } from '../i18n.js';
import type { MeasuredCheck } from '../scoring/score.js';
import type { CheckDef, CrashInfo, Lang } from '../types.js';
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
    return { ...notRunResult(check, lang, {}), skipped: outcome.skipped, durationMs: run.durationMs };
  }
  const passed = outcome.passed && !run.timedOut && (!crash || options.keepFetched === true);
  let detail = outcome.detail;
  let hint = outcome.hint ? pick(outcome.hint, lang) : undefined;
  if (crash) {
    const how = crash.signal
      ? `killed by ${describeSignal(crash.signal)}`
      : `exited with code ${crash.exitCode}`;
    const what = pick(passed ? runnerText.diedAfterFetch : runnerText.crashed, lang);
    detail = `${what} (${how}).${detail ? ` ${detail}` : ''}`;
    hint = pick(runnerText.crashHint, lang);
  } else if (!passed) {
    const facts = options.hang ? pick(describeHang(options.hang), lang) : '';
    if (facts) detail = `${detail ?? ''} ${facts}`.trim();
    const hangFix = options.hang && hangHint(options.hang);
    hint ??= pick(hangFix ?? (run.timedOut ? runnerText.timeoutHint : check.hint), lang);
  }
  return {
    id: check.id,
    title: pick(check.title, lang),
    passed,
    durationMs: run.durationMs,
    timedOut: run.timedOut,
    detail: passed && !crash ? outcome.detail : detail,
    expected: passed ? undefined : outcome.expected,
    received: passed ? undefined : outcome.received,
    hint: passed ? undefined : hint,
    reproduce: passed ? undefined : outcome.reproduce,
    crash,
    // the student report draws a failed concurrency or robustness check's connections
    timeline: !passed && /^(concurrency|robustness)\./.test(check.id) ? run.timeline : undefined,
  };
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
