// The origin-failure checks' shared run: each case against its own misbehaving origin, then a normal fetch.
import type { FaultyOrigin } from '../../../harness/origins/faulty-origins.js';
import { curlLine } from '../../../harness/clients/raw-client.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../../types.js';
import { runFaultyExchange } from './faulty-exchange.js';
import { robustnessHints } from './hints.js';
import { checkStillServes } from './still-serves.js';

const ANSWER_LIMIT_MS = 3000;

export interface FaultCase {
  /** How the origin misbehaves, e.g. 'an origin that refuses connections'. */
  what: string;
  start(): Promise<FaultyOrigin>;
}

/** Runs each case against its own origin, then checks that the proxy still serves a normal fetch. */
async function runFaultCases(ctx: CheckContext, cases: readonly FaultCase[]): Promise<CheckOutcome> {
  const summaries: string[] = [];
  const limitMs = ctx.timeoutMs(ANSWER_LIMIT_MS);
  for (const faultCase of cases) {
    const origin = await faultCase.start();
    ctx.defer(() => origin.close());
    const path = '/robustness/object.html';
    const url = origin.url(path);
    const verdict = await runFaultyExchange(ctx, url, origin.sentFor(path), limitMs);
    if (!verdict.ok) {
      return {
        passed: false,
        detail: `A request to ${faultCase.what} got ${verdict.summary}; expected an error status (e.g. 502) or a close, promptly.`,
        hint: robustnessHints.originFailure,
        reproduce: curlLine(ctx.proxy, url),
      };
    }
    summaries.push(`${faultCase.what}: ${verdict.summary}`);
  }
  const stillServes = await checkStillServes(
    ctx,
    `a request to ${cases.map((c) => c.what).join(' and ')}`,
    robustnessHints.originFailure,
  );
  return (
    stillServes ?? {
      passed: true,
      detail: `${summaries.join('; ')}; then home was served byte for byte.`.replace(/^a/, 'A'),
    }
  );
}

export function originFailureCheck(id: string, title: Bilingual, cases: FaultCase[]): CheckDef {
  return {
    id,
    title,
    timeoutMs: 20_000,
    hint: robustnessHints.originFailure,
    run: (ctx) => runFaultCases(ctx, cases),
  };
}
