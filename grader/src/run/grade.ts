import { clampTimerMs } from '../harness/timer-limit.js';
import { createHarness } from '../harness/create-harness.js';
import type { Harness } from '../harness/harness.js';
import type { Target } from '../targets/target.js';
import { describeTarget } from '../targets/target.js';
import { pick, runnerText } from '../i18n.js';
import type {
  CheckDef,
  CheckResult,
  Lang,
  RunReport,
  Rubric,
  SuiteId,
  SuiteResult,
  TargetInfo,
} from '../types.js';
import { ProxySession } from './proxy-session.js';
import { suiteResult } from './results.js';
import { runSuite } from './run-suite.js';

/** Hooks a reporter may implement to follow the run live. */
export interface RunObserver {
  onRunStart?(info: { target: TargetInfo; rubric: string; checkCount: number }): void;
  onCheckStart?(suiteId: SuiteId, checkId: string, title: string): void;
  onCheckEnd?(suiteId: SuiteId, result: CheckResult): void;
}

export interface GradeOptions {
  target: Target;
  rubric: Rubric;
  checks: ReadonlyMap<string, CheckDef>;
  seed: string;
  lang: Lang;
  version: string;
  /** @default 1 */
  timeoutScale?: number;
  /** Whole-run budget; checks not started by then fail with a note. @default 180000 */
  budgetMs?: number;
  /** @default 10000 */
  startupTimeoutMs?: number;
  observers?: RunObserver[];
  log?: (line: string) => void;
}

/** Grades one target against one rubric. Never throws for anything the proxy does. */
export async function grade(options: GradeOptions): Promise<RunReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const scale = options.timeoutScale ?? 1;
  const deadline = started + (options.budgetMs ?? 180_000) * scale;
  const log = options.log ?? (() => {});
  const observers = options.observers ?? [];
  const { target, rubric, lang } = options;
  const info = describeTarget(target, lang);
  const checkCount = rubric.suites.reduce((n, suite) => n + Object.keys(suite.checks).length, 0);
  for (const o of observers) o.onRunStart?.({ target: info, rubric: rubric.name, checkCount });

  const crashes: RunReport['crashes'] = [];
  const suites: SuiteResult[] = [];
  let harness: Harness | undefined;
  const session = new ProxySession(target, clampTimerMs((options.startupTimeoutMs ?? 10_000) * scale), log);
  let targetStarted = false;
  const prepared = await target.prepare();
  const build = prepared.durationMs > 0 || !prepared.ok ? prepared : undefined;
  if (!prepared.ok)
    session.failure = { reason: prepared.reason ?? runnerText.buildFailed, outputTail: prepared.outputTail };

  try {
    if (prepared.ok) {
      // the corpus and the first proxy process start side by side
      const [created, first] = await Promise.allSettled([
        createHarness({ seed: options.seed, log }),
        session.fresh(),
      ]);
      if (created.status === 'rejected') throw created.reason;
      harness = created.value;
      targetStarted = first.status === 'fulfilled' && first.value !== undefined;
    }
    const env = {
      session,
      harness,
      checks: options.checks,
      rubric,
      lang,
      scale,
      deadline,
      observers,
      crashes,
      log,
      shown: { silent: false },
    };
    for (const rubricSuite of rubric.suites) {
      const suiteStarted = performance.now();
      // every suite starts on a fresh process, so no hang or state of one suite reaches the next
      // (a proxy that never started the first time is not retried for every suite)
      if (suites.length > 0 && targetStarted && performance.now() <= deadline) await session.fresh();
      const results = await runSuite(rubricSuite, env);
      suites.push(suiteResult(rubricSuite, results, lang, Math.round(performance.now() - suiteStarted)));
    }
  } finally {
    await session.stop();
    await harness?.close();
    await target.close?.();
  }
  const failure = session.failure;
  const score = round2(suites.reduce((n, s) => n + s.score, 0));
  const maxScore = round2(suites.reduce((n, s) => n + s.maxScore, 0));
  return {
    schemaVersion: 1,
    grader: { name: 'proxylab-grade', version: options.version },
    target: {
      ...info,
      // the reason first: it is the one line a summary shows (the batch gradebook's reason column)
      notes: failure
        ? [pick(failure.reason, lang), ...failure.outputTail.map((l) => `  | ${l}`), ...info.notes]
        : info.notes,
    },
    rubric: rubric.name,
    lang,
    seed: options.seed,
    startedAt,
    score,
    maxScore,
    durationMs: Math.round(performance.now() - started),
    targetStarted,
    build: build && { ok: build.ok, durationMs: build.durationMs, outputTail: build.outputTail },
    suites,
    crashes,
  };
}

export const round2 = (n: number) => Math.round(n * 100) / 100;
