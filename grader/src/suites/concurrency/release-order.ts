import { UNCACHEABLE_BYTES } from '../../harness/origins/origin-response.js';
import { compareBytes } from '../../harness/compare.js';
import { startReleaseOrigin } from '../../harness/origins/release-origin.js';
import { describeBrokenExchange, wrongBytesHint } from '../../harness/clients/verify-fetch.js';
import { within } from '../../harness/within.js';
import type { CheckDef } from '../../types.js';
import { concurrencyHints } from '../support/concurrency/hints.js';
import { nameResponse } from '../support/concurrency/name-response.js';
import { endFromOriginSide, startStaggeredFetches } from '../support/concurrency/staggered-fetches.js';

const REQUESTS = 4;
const ARRIVAL_WAIT_MS = 5000;
const STEP_LIMIT_MS = 5000;

export const releaseOrderCheck: CheckDef = {
  id: 'concurrency.release-order',
  title: {
    en: 'Responses released in reverse order of arrival each reach their own client',
    ko: '도착의 역순으로 풀려난 응답이 각자 자기 클라이언트에게 전달된다',
  },
  timeoutMs: 45_000,
  hint: concurrencyHints.outOfOrder,
  async run(ctx) {
    const origin = await startReleaseOrigin({ bodyBytes: UNCACHEABLE_BYTES });
    ctx.defer(() => origin.close());
    const paths = Array.from({ length: REQUESTS }, (_, i) => `/order/${i}.txt`);
    const arrivalLimitMs = ctx.answerMs(ARRIVAL_WAIT_MS);
    const { fetches, arrived } = await startStaggeredFetches(ctx, origin, paths, {
      arrivalLimitMs,
      fetchLimitMs: ctx.timeoutMs(28_000),
    });
    if (arrived < REQUESTS) {
      await endFromOriginSide(ctx, origin, fetches);
      return {
        passed: false,
        detail: {
          en: `Only ${arrived} of ${REQUESTS} requests reached the origin (the next one still had not ${arrivalLimitMs} ms after it was sent; the origin holds every response until all ${REQUESTS} are there): the proxy does not handle the exchanges at the same time.`,
          ko: `요청 ${REQUESTS}개 중 ${arrived}개만 서버에 도착했습니다(다음 요청은 보낸 지 ${arrivalLimitMs} ms가 지나도 오지 않았고, 서버는 ${REQUESTS}개가 모두 올 때까지 모든 응답을 붙잡아 둡니다): 프록시가 요청들을 동시에 처리하지 않습니다.`,
        },
        hint: concurrencyHints.serialised,
      };
    }
    const order = [...origin.arrivedPaths].reverse();
    const stepLimitMs = ctx.timeoutMs(STEP_LIMIT_MS);
    for (const [step, path] of order.entries()) {
      origin.release([path]);
      const index = paths.indexOf(path);
      const response = await within(fetches[index]!, stepLimitMs, ctx.signal);
      const orders = `${origin.arrivedPaths.join(', ')}; ${order.join(', ')}`;
      const released = {
        en: `released ${path} as number ${step + 1} of ${REQUESTS} (arrival order ${origin.arrivedPaths.join(', ')}; release order ${order.join(', ')})`,
        ko: `${REQUESTS}개 중 ${step + 1}번째로 ${path}의 응답을 풀어 주었습니다(도착 순서; 풀어 준 순서: ${orders})`,
      };
      if (response === undefined) {
        await endFromOriginSide(ctx, origin, fetches);
        return {
          passed: false,
          detail: {
            en: `The origin ${released.en}, but its client received no complete response within ${stepLimitMs} ms.`,
            ko: `서버가 ${released.ko}. 그런데 그 클라이언트는 ${stepLimitMs} ms 안에 완전한 응답을 받지 못했습니다.`,
          },
          hint: concurrencyHints.outOfOrder,
        };
      }
      const comparison = compareBytes(origin.responseFor(path), response.bytes);
      if (comparison.equal && response.errorCode === undefined) continue;
      const other = nameResponse(response.bytes);
      const got =
        other && other !== path
          ? { en: `the response for ${other}`, ko: `${other}의 응답` }
          : describeBrokenExchange(response, stepLimitMs, comparison.account);
      return {
        passed: false,
        detail: {
          en: `The origin ${released.en}; the client that asked for ${path} got ${got.en}.`,
          ko: `서버가 ${released.ko}. ${path} 요청의 클라이언트가 받은 것: ${got.ko}.`,
        },
        expected: comparison.expectedExcerpt,
        received: comparison.receivedExcerpt,
        hint: other && other !== path ? concurrencyHints.sharedConnfd : wrongBytesHint,
      };
    }
    return {
      passed: true,
      detail: {
        en: `Released in the order ${order.join(', ')}, each response reached the client that asked for it.`,
        ko: `${order.join(', ')} 순서로 풀어 준 응답이 각각 그것을 요청한 클라이언트에게 전달되었습니다.`,
      },
    };
  },
};
