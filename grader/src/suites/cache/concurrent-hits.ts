import { bilingual } from '../../i18n.js';
// Concurrent fetches of one object: 20 clients ask for it while it is not cached yet (the origin holds its
// answer until every miss has arrived, or a bounded while), then bursts of hits once it is cached. Every
// client must get exactly the origin's bytes, and the hits must not reach the origin.
import { noteServedHit, receivedText } from '../../harness/clients/check-fetch.js';
import { judgeResponse } from '../../harness/judge-response.js';
import type { RawResponse } from '../../harness/clients/raw-client.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { endedEarly } from '../support/cache/fetch-against.js';
import { HALF_FILLED_HINT } from '../support/cache/half-filled-hint.js';
import { fetchBurst } from '../support/cache/fetch-burst.js';
import { startHeldOrigin } from '../support/cache/held-origin.js';

const CLIENTS = 20;
/** Misses of a proxy that sends fewer requests (coalescing, or one at a time) wait at most this long. */
const HOLD_MS = 400;
/** Hit bursts of HIT_CLIENTS: a proxy that hands threads a shared descriptor fails a burst most of the time. */
const HIT_ROUNDS = 3;
const HIT_CLIENTS = 40;
const ROUND_LIMIT_MS = 5000;

const HINTS = {
  readers: {
    en: 'Readers may run together but must not change shared cache state unlocked: use a readers-writer lock and copy or pin the object while sending it.',
    ko: '읽기는 동시에 해도 되지만 잠금 없이 공유 캐시 상태를 바꾸면 안 됩니다. 읽기-쓰기 잠금을 쓰고, 보내는 동안 객체를 복사하거나 고정하세요.',
  },
  unanswered: {
    en: "Every simultaneous client must get its own answer: give each thread its own connected descriptor (a malloc'd copy, never &connfd), and never hold a cache lock while reading or writing a socket.",
    ko: '동시에 접속한 모든 클라이언트가 각자 응답을 받아야 합니다. 스레드마다 자기 연결 디스크립터를 넘기고(malloc한 사본, &connfd는 안 됨), 소켓을 읽거나 쓰는 동안 캐시 잠금을 쥐고 있지 마세요.',
  },
} satisfies Record<string, Bilingual>;

export const concurrentHitsCheck: CheckDef = {
  id: 'cache.concurrent-hits',
  title: {
    en: `${CLIENTS} simultaneous fetches of an uncached object, then simultaneous hits, all get exactly its bytes`,
    ko: `캐시되지 않은 객체를 동시에 ${CLIENTS}번 가져오고 이어서 동시에 적중해도 모두 정확한 바이트를 받는다`,
  },
  timeoutMs: 30_000,
  hint: HALF_FILLED_HINT,
  run: checkConcurrentFetches,
};

async function checkConcurrentFetches(ctx: CheckContext): Promise<CheckOutcome> {
  const { path } = ctx.harness.object('cache-shared');
  const truth = await ctx.harness.expected(ctx.harness.tiny.url(path));
  const held = await startHeldOrigin(truth.bytes, {
    holdUntilRequests: CLIENTS,
    maxHoldMs: ctx.timeoutMs(HOLD_MS),
  });
  ctx.defer(() => held.close());
  const url = held.url(path);
  const limitMs = ctx.timeoutMs(ROUND_LIMIT_MS);
  const cold = await fetchBurst(ctx, url, CLIENTS, limitMs);
  ctx.log(`${CLIENTS} simultaneous fetches of the uncached ${url}: ${held.requestCount} origin requests`);
  const coldFailure = judgeBurst(truth, cold, {
    situation: {
      en: `${CLIENTS} simultaneous fetches of ${url}, not cached yet`,
      ko: `아직 캐시되지 않은 ${url}를 동시에 ${CLIENTS}번 요청할 때`,
    },
    cacheHit: false,
    limitMs,
  });
  if (coldFailure) return coldFailure;
  const missRequests = held.requestCount;
  for (let round = 1; round <= HIT_ROUNDS; round++) {
    const before = held.requestCount;
    const hits = await fetchBurst(ctx, url, HIT_CLIENTS, limitMs);
    const situation = {
      en: `hit burst ${round} of ${HIT_ROUNDS}: ${HIT_CLIENTS} simultaneous fetches of the cached ${url}`,
      ko: `동시 적중 ${round}/${HIT_ROUNDS}회차, 캐시된 ${url}를 동시에 ${HIT_CLIENTS}번 요청할 때`,
    };
    const hitFailure = judgeBurst(truth, hits, { situation, cacheHit: true, limitMs });
    if (hitFailure) return hitFailure;
    noteServedHit(ctx);
    const reached = held.requestCount - before;
    if (reached > 0) {
      return {
        passed: false,
        detail: {
          en: `In ${situation.en}, ${reached} reached the origin: after ${CLIENTS} complete fetches the object should have been cached.`,
          ko: `${situation.ko} ${reached}개가 서버에 도착했습니다: 완전한 요청 ${CLIENTS}번 뒤에는 객체가 캐시되어 있어야 합니다.`,
        },
        hint: {
          en: 'Cache the object once one of the simultaneous fetches completed it, and look the cache up before connecting to the origin.',
          ko: '동시에 가져온 것 중 하나가 객체를 완전히 받으면 캐시하고, 원 서버에 접속하기 전에 캐시를 먼저 찾으세요.',
        },
      };
    }
  }
  return {
    passed: true,
    detail: {
      en: `${CLIENTS} simultaneous misses (${missRequests} origin request(s)) and ${HIT_ROUNDS} × ${HIT_CLIENTS} simultaneous hits all got the exact bytes.`,
      ko: `동시 캐시 미스 ${CLIENTS}번(서버 요청 ${missRequests}번)과 동시 적중 ${HIT_ROUNDS} × ${HIT_CLIENTS}번 모두 정확한 바이트를 받았습니다.`,
    },
  };
}

/** The failed outcome for a burst when any client got other bytes than `truth`; undefined when all were right. */
function judgeBurst(
  truth: RawResponse,
  responses: RawResponse[],
  options: { situation: Bilingual; cacheHit: boolean; limitMs: number },
): CheckOutcome | undefined {
  const verdicts = responses.map((response) =>
    judgeResponse(truth, response, {
      what: { en: 'one client', ko: '클라이언트 하나' },
      timeoutMs: options.limitMs,
      cacheHit: options.cacheHit,
    }),
  );
  const wrong = verdicts.flatMap((verdict, i) =>
    verdict.passed ? [] : [{ verdict, response: responses[i]! }],
  );
  const first = wrong[0];
  if (!first) return undefined;
  const unanswered = wrong.filter(({ response }) => response.bytes.length === 0 && response.timedOut).length;
  const short = wrong.some(({ response }) => endedEarly(truth.bytes, response));
  const hint =
    unanswered > 0
      ? HINTS.unanswered
      : short && !options.cacheHit
        ? HALF_FILLED_HINT
        : (first.verdict.hint ?? HINTS.readers);
  const example = bilingual(first.verdict.detail ?? '');
  const received = receivedText(first.response);
  return {
    ...first.verdict,
    detail: {
      en:
        `In ${options.situation.en}, ${wrong.length} of ${responses.length} clients got a wrong answer` +
        `${unanswered > 0 ? ` (${unanswered} got nothing within ${options.limitMs} ms)` : ''}; e.g. ${example.en} (${received.en})`,
      ko:
        `${options.situation.ko} 클라이언트 ${responses.length}개 중 ${wrong.length}개가 틀린 응답을 받았습니다` +
        `${unanswered > 0 ? `(${unanswered}개는 ${options.limitMs} ms 안에 아무것도 받지 못함)` : ''}. 예: ${example.ko} (${received.ko})`,
    },
    hint,
  };
}
