import type { Harness } from '../harness/harness.js';
import { startTimeline } from '../harness/timeline.js';
import { clampTimerMs } from '../harness/timer-limit.js';
import type { CheckContext, CheckDef, CheckOutcome, ProxyEndpoint, Timeline } from '../types.js';

/** An answer-limit never drops below this (scaled), however fast the probe was: a loaded machine stalls. */
const ANSWER_FLOOR_MS = 2000;
/** ...and otherwise allows this many times the probe fetch's duration. */
const ANSWER_FACTOR = 20;

export interface CheckRunEnv {
  proxy: ProxyEndpoint;
  harness: Harness;
  proxyPid: number | undefined;
  /** --timeout-scale. @default 1 */
  timeoutScale?: number;
  /** How long this proxy's probe fetch took at the start of the suite, when one was made. */
  probeMs?: number;
  log?: (line: string) => void;
}

export interface CheckRun {
  outcome: CheckOutcome;
  timedOut: boolean;
  durationMs: number;
  /** every connection of the check on a time axis */
  timeline: Timeline;
}

/**
 * Runs one check with its time limit. Its deferred cleanups always run; an exception thrown by a check is a
 * grader bug, reported as a failed check with the error so the run still completes.
 */
export async function runCheck(check: CheckDef, env: CheckRunEnv): Promise<CheckRun> {
  const scale = env.timeoutScale ?? 1;
  const timeoutMs = (base: number) => clampTimerMs(base * scale);
  const answerMs = (base: number) =>
    env.probeMs === undefined
      ? timeoutMs(base)
      : Math.min(timeoutMs(base), Math.max(timeoutMs(ANSWER_FLOOR_MS), ANSWER_FACTOR * env.probeMs));
  const limitMs = timeoutMs(check.timeoutMs);
  const controller = new AbortController();
  const cleanups: Array<() => unknown> = [];
  const ctx: CheckContext = {
    proxy: env.proxy,
    harness: env.harness,
    proxyPid: env.proxyPid,
    timeoutMs,
    answerMs,
    signal: controller.signal,
    defer: (cleanup) => cleanups.push(cleanup),
    log: env.log ?? (() => {}),
  };
  const started = performance.now();
  const recorder = startTimeline(env.proxy.port);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limitMs);
  });
  let outcome: CheckOutcome;
  let timedOut = false;
  try {
    const result = await Promise.race([check.run(ctx), timeout]);
    if (result === 'timeout') {
      timedOut = true;
      outcome = {
        passed: false,
        detail: {
          en: `The check did not finish within its limit of ${limitMs} ms.`,
          ko: `검사가 제한 시간 ${limitMs} ms 안에 끝나지 않았습니다.`,
        },
      };
    } else {
      outcome = result;
    }
  } catch (error) {
    outcome = {
      passed: false,
      detail: {
        en: `The grader failed while running this check (a grader bug, please report it): ${String(error)}`,
        ko: `이 검사를 실행하다 채점기가 실패했습니다(채점기의 버그이니 알려 주세요): ${String(error)}`,
      },
    };
  } finally {
    clearTimeout(timer);
    controller.abort();
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch {
        // cleanup of a socket or origin that already failed: nothing left to release
      }
    }
  }
  const timeline = recorder.stop();
  return { outcome, timedOut, durationMs: Math.round(performance.now() - started), timeline };
}
