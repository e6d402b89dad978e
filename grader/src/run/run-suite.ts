// One suite of a rubric on a fresh proxy: a probe fetch first, then each check on a quiet proxy, every hang and
// crash pinned on the check it happened in.
import { clampTimerMs } from '../harness/timer-limit.js';
import type { Harness } from '../harness/harness.js';
import { waitUntilQuiet } from '../harness/proxy-activity.js';
import { isProcessGone } from '../process/group-signal.js';
import { joinText, mapText, pick, runnerText } from '../i18n.js';
import type { StartedTarget } from '../targets/target.js';
import type { MeasuredCheck } from '../scoring/score.js';
import type { Bilingual, CheckDef, CrashInfo, Lang, RunReport, Rubric, RubricSuite } from '../types.js';
import { exitBrief } from '../process/exit-text.js';
import type { RunObserver } from './observer.js';
import { describeHang, type HangFacts, hangHint, markCpu, readHangFacts } from './hang-facts.js';
import { probeProxy } from './probe.js';
import type { ProxySession } from './proxy-session.js';
import { checkResult, notRunResult } from './results.js';
import { type CheckRun, runCheck } from './run-check.js';

/** How long a finished check's exchanges may take to end before the proxy counts as still busy. */
const QUIET_MS = 1000;

export interface SuiteRunEnv {
  session: ProxySession;
  harness: Harness | undefined;
  checks: ReadonlyMap<string, CheckDef>;
  rubric: Rubric;
  lang: Lang;
  scale: number;
  /** performance.now() after which no check starts */
  deadline: number;
  observers: RunObserver[];
  crashes: RunReport['crashes'];
  log: (line: string) => void;
  /** what the proxy has shown so far in this run: an earlier suite's probe got nothing */
  shown: { silent: boolean };
}

/** Runs the checks of `rubricSuite` in order; the session's proxy is fresh when this starts. */
export async function runSuite(rubricSuite: RubricSuite, env: SuiteRunEnv): Promise<MeasuredCheck[]> {
  const { session, harness, lang, scale, log } = env;
  const perSuite = env.rubric.restarts === 'per-suite';
  const results: MeasuredCheck[] = [];
  let unresponsive: { detail: string; hint: string } | undefined;
  let deadSince: Bilingual | undefined;
  let busy = false;
  let probeMs: number | undefined;

  if (session.proxy && harness) {
    const probe = await probeProxy(session.proxy, harness, scale, env.shown.silent);
    env.shown.silent ||= !probe.answered && !probe.died;
    if (probe.answered && !probe.died) probeMs = probe.durationMs;
    log(`${rubricSuite.id}: probe ${probe.answered ? 'answered' : 'got nothing'} in ${probe.durationMs} ms`);
    if (!probe.answered && !probe.died) {
      const got = {
        en: `GET ${probe.url}, nothing within ${probe.limitMs} ms`,
        ko: `GET ${probe.url}, ${probe.limitMs} ms 안에 응답 없음`,
      };
      const what = mapText(runnerText.unresponsive, (line, l) => `${line} (${got[l]}).`);
      unresponsive = {
        detail: pick(joinText([what, probe.hang && describeHang(probe.hang)]), lang),
        hint: pick((probe.hang && hangHint(probe.hang)) ?? runnerText.unresponsiveHint, lang),
      };
    }
    // driver.sh never sends a probe: its checks get a process that has served nothing yet
    if (probe.died || (perSuite && !unresponsive)) await session.fresh();
  }

  // pins a death on `checkId`: restart (per check) or leave the proxy dead for the rest of the suite (driver.sh)
  const afterDeath = async (crash: CrashInfo, checkId: string) => {
    env.crashes.push({ ...crash, checkId });
    const how = exitBrief(crash);
    log(`proxy died during ${checkId}: ${how.en}`);
    busy = false;
    if (perSuite) {
      deadSince = mapText(how, (line) => `${checkId}: ${line}`);
      await session.stop();
    } else if (session.restartable) await session.fresh();
    else {
      await session.stop();
      session.failure ??= { reason: pick(runnerText.dead, lang), outputTail: [] };
    }
  };
  let last: { index: number; check: CheckDef; run: CheckRun; hang?: HangFacts } | undefined;

  for (const checkId of Object.keys(rubricSuite.checks)) {
    const check = env.checks.get(checkId);
    if (!check) throw new Error(`rubric names unknown check ${checkId}`);
    for (const o of env.observers) o.onCheckStart?.(rubricSuite.id, checkId, pick(check.title, lang));
    // a proxy that died just after the previous check looked alive (e.g. right after closing the client):
    // that check caused it, and its result is corrected (observers saw the earlier one)
    const late = last && (await deathOf(session.proxy));
    if (late && last) {
      const { index, run, hang } = last;
      results[index] = checkResult(last.check, lang, run, late, { keepFetched: perSuite, hang });
      await afterDeath(late, last.check.id);
    }
    last = undefined;
    if (busy && !perSuite && session.restartable) {
      log(`${checkId}: the previous check's exchanges are still open; restarting the proxy first`);
      await session.fresh();
    }
    busy = false;
    const current = session.proxy;
    let result: MeasuredCheck;
    if (deadSince) {
      result = notRunResult(check, lang, {
        detail: pick(
          mapText(runnerText.deadInPhase, (line, l) => `${line} (${deadSince?.[l]}).`),
          lang,
        ),
        hint: pick(runnerText.crashHint, lang),
      });
    } else if (!current || !harness) {
      result = notRunResult(check, lang, {
        detail: `${pick(runnerText.notStarted, lang)}: ${pick(session.failure?.reason ?? runnerText.unknownReason, lang)}`,
        hint: pick(runnerText.notStartedHint, lang),
      });
    } else if (performance.now() > env.deadline) {
      result = notRunResult(check, lang, { detail: pick(runnerText.budget, lang) });
    } else if (unresponsive) {
      result = notRunResult(check, lang, unresponsive);
    } else if (check.needsPid && current.pid === undefined) {
      result = { ...notRunResult(check, lang, {}), skipped: pick(runnerText.noPid, lang) };
    } else {
      const mark = await markCpu(current.pid);
      const run = await runCheck(check, {
        proxy: current.endpoint,
        harness,
        proxyPid: current.pid,
        timeoutScale: scale,
        probeMs,
        log,
      });
      const hang = run.timedOut ? await readHangFacts(mark, current.endpoint.port) : undefined;
      // let the check's exchanges end, so what they do to the proxy (a SIGPIPE on a late write) lands here
      const quiet = await waitUntilQuiet(current.endpoint.port, current.pid, {
        timeoutMs: clampTimerMs(QUIET_MS * scale),
        gaveUp: () => current.exited() !== undefined,
        idleSockets: session.idleSockets,
      });
      busy = quiet.state === 'busy';
      const crash = await deathOf(current);
      result = checkResult(check, lang, run, crash, { keepFetched: perSuite, hang });
      if (crash) await afterDeath(crash, checkId);
      else last = { index: results.length, check, run, hang };
    }
    results.push(result);
    for (const o of env.observers) o.onCheckEnd?.(rubricSuite.id, result);
  }
  return results;
}

/**
 * How the proxy ended, when it has: its exit as reported, or — when the process is already gone (a zombie) but
 * its exit not yet delivered — that exit, awaited (bounded). undefined while it runs.
 */
async function deathOf(proxy: StartedTarget | undefined): Promise<CrashInfo | undefined> {
  if (!proxy) return undefined;
  const gone = proxy.exited() !== undefined || (proxy.pid !== undefined && isProcessGone(proxy.pid));
  if (!gone && (await proxy.isAlive())) return undefined;
  for (let waited = 0; waited < 2000 && !proxy.exited(); waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return proxy.exited() ?? { exitCode: null, signal: null, outputTail: proxy.outputTail() };
}
