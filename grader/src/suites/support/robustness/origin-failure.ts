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
  what: Bilingual;
  start(): Promise<FaultyOrigin>;
}

/** Runs each case against its own origin, then checks that the proxy still serves a normal fetch. */
async function runFaultCases(ctx: CheckContext, cases: readonly FaultCase[]): Promise<CheckOutcome> {
  const summaries: Bilingual[] = [];
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
        detail: {
          en: `A request to ${faultCase.what.en} got ${verdict.summary.en}; expected an error status (e.g. 502) or a close, promptly.`,
          ko: `${faultCase.what.ko}로 보낸 요청의 결과: ${verdict.summary.ko}. 오류 상태(예: 502)나 연결 종료가 곧바로 와야 합니다.`,
        },
        hint: robustnessHints.originFailure,
        reproduce: curlLine(ctx.proxy, url),
      };
    }
    summaries.push({
      en: `${faultCase.what.en}: ${verdict.summary.en}`,
      ko: `${faultCase.what.ko}: ${verdict.summary.ko}`,
    });
  }
  const stillServes = await checkStillServes(
    ctx,
    {
      en: `a request to ${cases.map((c) => c.what.en).join(' and ')}`,
      ko: `${cases.map((c) => c.what.ko).join(', ')}로 보낸 요청`,
    },
    robustnessHints.originFailure,
  );
  return (
    stillServes ?? {
      passed: true,
      detail: {
        en: `${summaries.map((s) => s.en).join('; ')}; then home was served byte for byte.`.replace(
          /^a/,
          'A',
        ),
        ko: `${summaries.map((s) => s.ko).join('; ')}. 그 뒤 홈 페이지도 바이트 그대로 전달되었습니다.`,
      },
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
