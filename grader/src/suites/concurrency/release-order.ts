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
        detail: `Only ${arrived} of ${REQUESTS} requests reached the origin (the next one still had not ${arrivalLimitMs} ms after it was sent; the origin holds every response until all ${REQUESTS} are there): the proxy does not handle the exchanges at the same time.`,
        hint: concurrencyHints.serialised,
      };
    }
    const order = [...origin.arrivedPaths].reverse();
    const stepLimitMs = ctx.timeoutMs(STEP_LIMIT_MS);
    for (const [step, path] of order.entries()) {
      origin.release([path]);
      const index = paths.indexOf(path);
      const response = await within(fetches[index]!, stepLimitMs, ctx.signal);
      const released = `released ${path} as number ${step + 1} of ${REQUESTS} (arrival order ${origin.arrivedPaths.join(', ')}; release order ${order.join(', ')})`;
      if (response === undefined) {
        await endFromOriginSide(ctx, origin, fetches);
        return {
          passed: false,
          detail: `The origin ${released}, but its client received no complete response within ${stepLimitMs} ms.`,
          hint: concurrencyHints.outOfOrder,
        };
      }
      const comparison = compareBytes(origin.responseFor(path), response.bytes);
      if (comparison.equal && response.errorCode === undefined) continue;
      const other = nameResponse(response.bytes);
      const got =
        other && other !== path
          ? `the response for ${other}`
          : describeBrokenExchange(response, stepLimitMs, comparison.summary);
      return {
        passed: false,
        detail: `The origin ${released}; the client that asked for ${path} got ${got}.`,
        expected: comparison.expectedExcerpt,
        received: comparison.receivedExcerpt,
        hint: other && other !== path ? concurrencyHints.sharedConnfd : wrongBytesHint,
      };
    }
    return {
      passed: true,
      detail: `Released in the order ${order.join(', ')}, each response reached the client that asked for it.`,
    };
  },
};
