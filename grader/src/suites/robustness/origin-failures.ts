import {
  type FaultyOrigin,
  startEarlyCloseOrigin,
  startRefusingOrigin,
  startResettingOrigin,
} from '../../harness/faulty-origins.js';
import { curlLine } from '../../harness/raw-client.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { runFaultyExchange } from './faulty-exchange.js';
import { robustnessHints } from './hints.js';
import { checkStillServes } from './still-serves.js';

const ANSWER_LIMIT_MS = 3000;

interface FaultCase {
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
  [
    {
      what: { en: 'an origin that refuses connections', ko: '연결을 거부하는 서버' },
      start: startRefusingOrigin,
    },
  ],
);

export const originResetCheck = originFailureCheck(
  'robustness.origin-reset',
  {
    en: 'An origin that resets the connection mid-response does not disturb the proxy',
    ko: '서버가 응답 도중 연결을 리셋해도 프록시가 흔들리지 않는다',
  },
  [
    {
      what: {
        en: 'an origin that resets the connection after half a response',
        ko: '응답을 절반 보낸 뒤 연결을 리셋하는 서버',
      },
      start: startResettingOrigin,
    },
  ],
);

export const originEarlyCloseCheck = originFailureCheck(
  'robustness.origin-early-close',
  {
    en: 'An origin that closes before its response is complete does not disturb the proxy',
    ko: '서버가 응답을 다 보내기 전에 연결을 닫아도 프록시가 흔들리지 않는다',
  },
  [
    {
      what: {
        en: 'an origin that closes in the middle of its response head',
        ko: '응답 헤더 도중에 연결을 닫는 서버',
      },
      start: () => startEarlyCloseOrigin('partial-head'),
    },
    {
      what: {
        en: 'an origin that closes after half the body its Content-length promised',
        ko: 'Content-length로 약속한 본문의 절반만 보내고 연결을 닫는 서버',
      },
      start: () => startEarlyCloseOrigin('half-body'),
    },
  ],
);
