import { DEFAULT_BUDGET_SECONDS, DEFAULT_STARTUP_TIMEOUT_MS } from '../defaults.js';
import { createHarness } from '../harness/create-harness.js';
import type { Harness } from '../harness/harness.js';
import { clampTimerMs } from '../harness/timer-limit.js';
import { type MeasuredSuite, scoreRun } from '../scoring/score.js';
import { suiteTitle } from '../suites/index.js';
import type { PrepareResult, Target } from '../targets/target.js';
import { describeTarget } from '../targets/target.js';
import { pick, runnerText } from '../i18n.js';
import type { CheckDef, Lang, RunReport, Rubric } from '../types.js';
import { ProxySession } from './proxy-session.js';
import type { RunObserver } from './observer.js';
import { runSuite, type SuiteRunEnv } from './run-suite.js';

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

/** What running the suites measured, before the rubric scores it. */
interface Measured {
  suites: MeasuredSuite[];
  targetStarted: boolean;
  crashes: RunReport['crashes'];
}

/** Grades one target against one rubric. Never throws for anything the proxy does. */
export async function grade(options: GradeOptions): Promise<RunReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { target, rubric, lang } = options;
  const info = describeTarget(target, lang);
  const checkCount = rubric.suites.reduce((n, suite) => n + Object.keys(suite.checks).length, 0);
  for (const o of options.observers ?? []) o.onRunStart?.({ target: info, rubric: rubric.name, checkCount });

  const scale = options.timeoutScale ?? 1;
  const log = options.log ?? (() => {});
  const startupMs = clampTimerMs((options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS) * scale);
  const session = new ProxySession(target, startupMs, log);
  const prepared = await target.prepare();
  if (!prepared.ok)
    session.failure = { reason: prepared.reason ?? runnerText.buildFailed, outputTail: prepared.outputTail };
  let measured: Measured;
  const opened: { harness?: Harness } = {};
  try {
    measured = await measureSuites(options, session, prepared.ok, started, opened);
  } finally {
    await session.stop();
    await opened.harness?.close();
    await target.close?.();
  }
  const failure = session.failure;
  const build = prepared.durationMs > 0 || !prepared.ok ? buildFacts(prepared) : undefined;
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
    ...scoreRun(rubric, measured.suites),
    durationMs: Math.round(performance.now() - started),
    targetStarted: measured.targetStarted,
    build,
    crashes: measured.crashes,
  };
}

/** Starts the harness beside the first proxy process, then runs every suite of the rubric in order. */
async function measureSuites(
  options: GradeOptions,
  session: ProxySession,
  prepared: boolean,
  started: number,
  opened: { harness?: Harness },
): Promise<Measured> {
  const { rubric, lang, seed } = options;
  const log = options.log ?? (() => {});
  const scale = options.timeoutScale ?? 1;
  const crashes: RunReport['crashes'] = [];
  const suites: MeasuredSuite[] = [];
  let harness: Harness | undefined;
  let targetStarted = false;
  if (prepared) {
    // the corpus and the first proxy process start side by side
    const [created, first] = await Promise.allSettled([createHarness({ seed, log }), session.fresh()]);
    if (created.status === 'rejected') throw created.reason;
    harness = created.value;
    opened.harness = harness;
    targetStarted = first.status === 'fulfilled' && first.value !== undefined;
  }
  const env: SuiteRunEnv = {
    session,
    harness,
    checks: options.checks,
    rubric,
    lang,
    scale,
    deadline: started + (options.budgetMs ?? DEFAULT_BUDGET_SECONDS * 1000) * scale,
    observers: options.observers ?? [],
    crashes,
    log,
    shown: { silent: false },
  };
  for (const rubricSuite of rubric.suites) {
    const suiteStarted = performance.now();
    // every suite starts on a fresh process, so no hang or state of one suite reaches the next
    // (a proxy that never started the first time is not retried for every suite)
    if (suites.length > 0 && targetStarted && performance.now() <= env.deadline) await session.fresh();
    const checks = await runSuite(rubricSuite, env);
    suites.push({
      id: rubricSuite.id,
      title: pick(suiteTitle(rubricSuite.id), lang),
      durationMs: Math.round(performance.now() - suiteStarted),
      checks,
    });
  }
  return { suites, targetStarted, crashes };
}

function buildFacts(prepared: PrepareResult): RunReport['build'] {
  return { ok: prepared.ok, durationMs: prepared.durationMs, outputTail: prepared.outputTail };
}
