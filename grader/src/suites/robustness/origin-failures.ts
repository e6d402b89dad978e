import {
  type FaultyOrigin,
  startEarlyCloseOrigin,
  startRefusingOrigin,
  startResettingOrigin,
} from '../../harness/origins/faulty-origins.js';
import { curlLine } from '../../harness/clients/raw-client.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { runFaultyExchange } from './faulty-exchange.js';
import { robustnessHints } from './hints.js';
import { checkStillServes } from './still-serves.js';

const ANSWER_LIMIT_MS = 3000;

interface FaultCase {
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

function originFailureCheck(id: string, title: Bilingual, cases: FaultCase[]): CheckDef {
  return {
    id,
    title,
    timeoutMs: 20_000,
    hint: robustnessHints.originFailure,
    run: (ctx) => runFaultCases(ctx, cases),
  };
}

export const originRefusedCheck = originFailureCheck(
  'robustness.origin-refused',
  {
    en: 'An origin that refuses the connection gets the client an error, and the proxy carries on',
    ko: '서버가 연결을 거부하면 클라이언트는 오류를 받고, 프록시는 계속 동작한다',
  },
  [{ what: 'an origin that refuses connections', start: startRefusingOrigin }],
);

export const originResetCheck = originFailureCheck(
  'robustness.origin-reset',
  {
    en: 'An origin that resets the connection mid-response does not disturb the proxy',
    ko: '서버가 응답 도중 연결을 리셋해도 프록시가 흔들리지 않는다',
  },
  [{ what: 'an origin that resets the connection after half a response', start: startResettingOrigin }],
);

export const originEarlyCloseCheck = originFailureCheck(
  'robustness.origin-early-close',
  {
    en: 'An origin that closes before its response is complete does not disturb the proxy',
    ko: '서버가 응답을 다 보내기 전에 연결을 닫아도 프록시가 흔들리지 않는다',
  },
  [
    {
      what: 'an origin that closes in the middle of its response head',
      start: () => startEarlyCloseOrigin('partial-head'),
    },
    {
      what: 'an origin that closes after half the body its Content-length promised',
      start: () => startEarlyCloseOrigin('half-body'),
    },
  ],
);
