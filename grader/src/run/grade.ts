import { createHarness } from '../harness/create-harness.js';
import type { Harness } from '../harness/harness.js';
import { waitForQuiescence } from '../harness/port-probe.js';
import { describeSignal } from '../harness/process-group.js';
import { pick, runnerText } from '../i18n.js';
import type { StartedTarget, Target } from '../targets/target.js';
import { describeTarget } from '../targets/target.js';
import type {
  CheckDef,
  CheckResult,
  CrashInfo,
  Lang,
  RunReport,
  Rubric,
  SuiteId,
  SuiteResult,
  TargetInfo,
} from '../types.js';
import { runCheck } from './run-check.js';
import { checkResult, notRunResult, suiteResult } from './results.js';

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
  const info = describeTarget(target);
  const checkCount = rubric.suites.reduce((n, suite) => n + Object.keys(suite.checks).length, 0);
  for (const o of observers) o.onRunStart?.({ target: info, rubric: rubric.name, checkCount });

  const crashes: RunReport['crashes'] = [];
  const suites: SuiteResult[] = [];
  let harness: Harness | undefined;
  let current: StartedTarget | undefined;
  let targetStarted = false;
  let failure: { reason: string; outputTail: string[] } | undefined;
  const prepared = await target.prepare();
  const build = prepared.durationMs > 0 || !prepared.ok ? prepared : undefined;
  if (!prepared.ok)
    failure = { reason: prepared.reason ?? 'The build failed.', outputTail: prepared.outputTail };

  const startTarget = async (): Promise<StartedTarget | undefined> => {
    const result = await target.start({
      startupTimeoutMs: (options.startupTimeoutMs ?? 10_000) * scale,
      log,
    });
    if (result.ok) return result.started;
    failure ??= { reason: result.reason, outputTail: result.outputTail };
    return undefined;
  };

  try {
    if (!failure) {
      harness = await createHarness({ seed: options.seed, log });
      current = await startTarget();
      targetStarted = current !== undefined;
    }
    for (const rubricSuite of rubric.suites) {
      const suiteStarted = performance.now();
      const results: CheckResult[] = [];
      for (const [checkId, points] of Object.entries(rubricSuite.checks)) {
        const check = options.checks.get(checkId);
        if (!check) throw new Error(`rubric names unknown check ${checkId}`);
        const title = pick(check.title, lang);
        for (const o of observers) o.onCheckStart?.(rubricSuite.id, checkId, title);
        let result: CheckResult;
        if (!current || !harness) {
          result = notRunResult(check, points, lang, {
            detail: `${pick(runnerText.notStarted, lang)}: ${failure?.reason ?? 'unknown reason'}`,
            hint: pick(runnerText.notStartedHint, lang),
          });
        } else if (performance.now() > deadline) {
          result = notRunResult(check, points, lang, { detail: pick(runnerText.budget, lang) });
        } else if (check.needsPid && current.pid === undefined) {
          result = { ...notRunResult(check, 0, lang, {}), skipped: pick(runnerText.noPid, lang) };
        } else {
          const run = await runCheck(check, {
            proxy: current.endpoint,
            harness,
            proxyPid: current.pid,
            timeoutScale: scale,
            log,
          });
          if (current.pid !== undefined) {
            const { pid } = current;
            await waitForQuiescence(current.endpoint.port, {
              timeoutMs: 1000 * scale,
              gaveUp: () => current?.exited() !== undefined || pid === undefined,
            });
          }
          const alive = await current.isAlive();
          const crash: CrashInfo | undefined = alive ? undefined : (current.exited() ?? undefined);
          result = checkResult(check, points, lang, run, crash);
          if (crash) {
            crashes.push({ ...crash, checkId });
            log(`proxy died during ${checkId}: ${describeSignal(crash.signal) || `exit ${crash.exitCode}`}`);
            await current.stop();
            current = target.restartable ? await startTarget() : undefined;
            if (!current && !target.restartable)
              failure = { reason: pick(runnerText.dead, lang), outputTail: [] };
          }
        }
        results.push(result);
        for (const o of observers) o.onCheckEnd?.(rubricSuite.id, result);
      }
      suites.push(suiteResult(rubricSuite, results, lang, Math.round(performance.now() - suiteStarted)));
      if (rubric.freshTargetPerSuite && current && target.restartable) {
        await current.stop();
        current = await startTarget();
      }
    }
  } finally {
    await current?.stop();
    await harness?.close();
    await target.close?.();
  }
  const score = round2(suites.reduce((n, s) => n + s.score, 0));
  const maxScore = round2(suites.reduce((n, s) => n + s.maxScore, 0));
  return {
    schemaVersion: 1,
    grader: { name: 'proxylab-grade', version: options.version },
    target: {
      ...info,
      // the reason first: it is the one line a summary shows (the batch gradebook's reason column)
      notes: failure
        ? [failure.reason, ...failure.outputTail.map((l) => `  | ${l}`), ...info.notes]
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
