import { mapText } from '../../i18n.js';
import { UNCACHEABLE_BYTES } from '../../harness/origins/origin-response.js';
import { startBarrierOrigin } from '../../harness/origins/barrier-origin.js';
import { compareBytes } from '../../harness/compare.js';
import { describeBrokenExchange, wrongBytesHint } from '../../harness/clients/verify-fetch.js';
import type { CheckDef } from '../../types.js';
import { concurrencyHints } from '../support/concurrency/hints.js';
import { endFromOriginSide, startStaggeredFetches } from '../support/concurrency/staggered-fetches.js';

const PARTIES = 4;
const ARRIVAL_WAIT_MS = 5000;
const FETCH_LIMIT_MS = 10_000;

export const barrierCheck: CheckDef = {
  id: 'concurrency.barrier',
  title: {
    en: `${PARTIES} requests are in progress at the same time (an origin answers only once all ${PARTIES} arrived)`,
    ko: `요청 ${PARTIES}개가 동시에 진행된다 (서버는 ${PARTIES}개가 모두 도착해야 응답한다)`,
  },
  timeoutMs: 30_000,
  hint: concurrencyHints.serialised,
  async run(ctx) {
    const origin = await startBarrierOrigin({ parties: PARTIES, bodyBytes: UNCACHEABLE_BYTES });
    ctx.defer(() => origin.close());
    const paths = Array.from({ length: PARTIES }, (_, i) => `/barrier/${i}.txt`);
    const limitMs = ctx.answerMs(ARRIVAL_WAIT_MS);
    const fetchLimitMs = ctx.timeoutMs(FETCH_LIMIT_MS);
    const { fetches, arrived } = await startStaggeredFetches(ctx, origin, paths, {
      arrivalLimitMs: limitMs,
      fetchLimitMs,
    });
    if (arrived < PARTIES) {
      await endFromOriginSide(ctx, origin, fetches);
      const meaning =
        arrived === 1
          ? {
              en: 'the proxy handles one exchange at a time',
              ko: '프록시가 요청을 한 번에 하나씩만 처리합니다',
            }
          : arrived === 0
            ? { en: 'the proxy forwarded none of them', ko: '프록시가 하나도 전달하지 않았습니다' }
            : {
                en: `the proxy handles at most ${arrived} exchanges at a time`,
                ko: `프록시가 한 번에 최대 ${arrived}개의 요청만 처리합니다`,
              };
      return {
        passed: false,
        detail: {
          en: `Only ${arrived} of ${PARTIES} requests reached the origin (the next one still had not ${limitMs} ms after it was sent), while the origin waited for all ${PARTIES} before answering any: ${meaning.en}.`,
          ko: `요청 ${PARTIES}개 중 ${arrived}개만 서버에 도착했습니다(다음 요청은 보낸 지 ${limitMs} ms가 지나도 오지 않았습니다). 서버는 ${PARTIES}개가 모두 도착해야 응답하므로, ${meaning.ko}.`,
        },
        hint: concurrencyHints.serialised,
      };
    }
    const responses = await Promise.all(fetches);
    for (const [i, response] of responses.entries()) {
      const path = paths[i]!;
      const comparison = compareBytes(origin.responseFor(path), response.bytes);
      if (comparison.equal && !response.timedOut && response.errorCode === undefined) continue;
      return {
        passed: false,
        detail: mapText(describeBrokenExchange(response, fetchLimitMs, comparison.account), (got, lang) =>
          lang === 'ko'
            ? `요청 ${PARTIES}개가 모두 서버에 도착했지만, ${path} 요청의 클라이언트가 받은 것: ${got}.`
            : `All ${PARTIES} requests reached the origin, but the client of ${path} got: ${got}.`,
        ),
        expected: comparison.expectedExcerpt,
        received: comparison.receivedExcerpt,
        hint: response.timedOut ? concurrencyHints.outOfOrder : wrongBytesHint,
      };
    }
    return {
      passed: true,
      detail: {
        en: `All ${PARTIES} requests were in progress at once and each got its own response.`,
        ko: `요청 ${PARTIES}개가 모두 동시에 진행되었고, 각자 자기 응답을 받았습니다.`,
      },
    };
  },
};
