import { curlLine } from '../../harness/clients/raw-client.js';
import type { CheckDef } from '../../types.js';
import { type AbortOutcome, type AbortStyle, fetchAndAbort } from '../support/robustness/abort-client.js';
import { robustnessHints } from '../support/robustness/hints.js';
import { checkStillServes } from '../support/robustness/still-serves.js';

const CLIENTS_PER_STYLE = 20;
const CLIENT_LIMIT_MS = 5000;

export const abortMidResponseCheck: CheckDef = {
  id: 'robustness.abort-mid-response',
  title: {
    en: `The proxy survives ${3 * CLIENTS_PER_STYLE} clients that go away in the middle of a large response`,
    ko: `큰 응답을 받는 도중 떠나는 클라이언트 ${3 * CLIENTS_PER_STYLE}개 뒤에도 프록시가 살아 있다`,
  },
  timeoutMs: 45_000,
  hint: robustnessHints.sigpipe,
  async run(ctx) {
    const huge = ctx.harness.object('huge');
    const url = ctx.harness.tiny.url(huge.path);
    const sizeMiB = (huge.bytes.length / 2 ** 20).toFixed(1);
    const styles: AbortStyle[] = [
      ...Array<AbortStyle>(CLIENTS_PER_STYLE).fill('hangup'),
      ...Array<AbortStyle>(CLIENTS_PER_STYLE).fill('close'),
      ...Array<AbortStyle>(CLIENTS_PER_STYLE).fill('reset'),
    ];
    // One client at a time: each abort is certain to meet a proxy that is still writing to it.
    const outcomes: AbortOutcome[] = [];
    const limitMs = ctx.timeoutMs(CLIENT_LIMIT_MS);
    for (const style of styles) {
      const limit = { timeoutMs: limitMs, signal: ctx.signal };
      const outcome = await fetchAndAbort(ctx.proxy, url, style, limit);
      outcomes.push(outcome);
      // Nothing listening, or nothing served within the limit: more clients would only wait the same way.
      if (outcome === 'refused' || outcome === 'no-data') break;
    }
    const aborted = outcomes.filter((outcome) => outcome === 'aborted').length;
    const gone = {
      en: `${aborted} clients hung up right after their request, or closed or reset their connection after the first bytes, of a response of ${sizeMiB} MiB`,
      ko: `클라이언트 ${aborted}개가 ${sizeMiB} MiB짜리 응답을 요청하자마자 끊거나, 첫 바이트를 받은 뒤 연결을 닫거나 리셋했습니다`,
    };
    const what = { en: `clients aborted (${gone.en})`, ko: `클라이언트들이 중간에 떠난(${gone.ko})` };
    const reproduce = `for i in $(seq 30); do curl -s -x ${ctx.proxy.host}:${ctx.proxy.port} '${url}' | head -c 1 >/dev/null; done; ${curlLine(ctx.proxy, ctx.harness.tiny.url(ctx.harness.object('home').path))}`;
    const stoppedAt = outcomes.findIndex((outcome) => outcome === 'refused' || outcome === 'no-data');
    if (stoppedAt >= 0) {
      const how =
        outcomes[stoppedAt] === 'refused'
          ? { en: 'found nothing listening', ko: 'listen하는 프록시를 찾지 못했습니다' }
          : {
              en: `got no byte of the response within ${limitMs} ms`,
              ko: `${limitMs} ms 안에 응답을 한 바이트도 받지 못했습니다`,
            };
      return {
        passed: false,
        detail: {
          en: `The proxy stopped answering after clients aborted: client ${stoppedAt + 1} (after ${aborted} aborts) ${how.en}.`,
          ko: `클라이언트들이 중간에 떠난 뒤 프록시가 응답을 멈췄습니다: ${stoppedAt + 1}번째 클라이언트(중단 ${aborted}번 뒤)가 ${how.ko}.`,
        },
        hint: robustnessHints.sigpipe,
        reproduce,
      };
    }
    if (aborted === 0) {
      return {
        passed: false,
        detail: {
          en: `None of the ${outcomes.length} clients received any of the ${sizeMiB} MiB response (the proxy closed every connection first), so no abort could be tested.`,
          ko: `클라이언트 ${outcomes.length}개 중 어느 것도 ${sizeMiB} MiB 응답을 한 바이트도 받지 못해서(프록시가 모든 연결을 먼저 닫음), 중간에 떠나는 경우를 시험할 수 없었습니다.`,
        },
        hint: robustnessHints.sigpipe,
      };
    }
    const stillServes = await checkStillServes(ctx, what, robustnessHints.sigpipe);
    if (stillServes) return { ...stillServes, reproduce };
    const closedFirst = outcomes.length - aborted;
    const note = closedFirst > 0 ? ` (the proxy closed ${closedFirst} others before any data)` : '';
    const noteKo = closedFirst > 0 ? ` (나머지 ${closedFirst}개는 프록시가 데이터 없이 먼저 닫음)` : '';
    return {
      passed: true,
      detail: {
        en: `${gone.en}${note}; home was still served byte for byte.`,
        ko: `${gone.ko}${noteKo}. 그 뒤에도 홈 페이지가 바이트 그대로 전달되었습니다.`,
      },
    };
  },
};
