import { freshUrl } from '../../harness/corpus/fresh-url.js';
import { startNopOrigin } from '../../harness/origins/nop-origin.js';
import { fetchViaProxy } from '../../harness/clients/raw-client.js';
import { hintFor, verifyFetch } from '../../harness/clients/verify-fetch.js';
import { within } from '../../harness/within.js';
import type { CheckDef } from '../../types.js';
import { concurrencyHints } from '../support/concurrency/hints.js';

/** How long the origin may wait for the proxy to open the connection that will hang. */
const CONNECT_WAIT_MS = 3000;
const FETCH_LIMIT_MS = 5000;
const SETTLE_MS = 2000;

export const hungOriginCheck: CheckDef = {
  id: 'concurrency.hung-origin',
  title: {
    en: 'A fetch succeeds while another request hangs on an origin that never answers',
    ko: '응답하지 않는 서버에 요청 하나가 묶여 있는 동안에도 다른 요청이 성공한다',
  },
  timeoutMs: 15_000,
  hint: concurrencyHints.serialised,
  async run(ctx) {
    const nop = await startNopOrigin();
    ctx.defer(() => nop.close());
    let hangingEnded = false;
    const hanging = fetchViaProxy(ctx.proxy, nop.url('/never-answers.html'), {
      timeoutMs: ctx.timeoutMs(14_000),
      signal: ctx.signal,
    }).then(() => {
      hangingEnded = true;
    });
    const reached = await nop.waitForConnections(1, {
      timeoutMs: ctx.answerMs(CONNECT_WAIT_MS),
      signal: ctx.signal,
    });
    const url = freshUrl(ctx.harness, 'home');
    const verdict = await verifyFetch(ctx, url, { timeoutMs: ctx.answerMs(FETCH_LIMIT_MS) });
    const endedEarly = hangingEnded;
    // End the hanging exchange from the origin's side first, so the proxy never writes to a departed client.
    await nop.close();
    await within(hanging, ctx.timeoutMs(SETTLE_MS), ctx.signal);
    const pending = reached
      ? {
          en: 'while the proxy held a connection to an origin that never answers',
          ko: '프록시가 응답하지 않는 서버와 연결을 맺고 있는 동안',
        }
      : {
          en: `while a request to an origin that never answers was outstanding (the proxy had not connected to that origin within ${CONNECT_WAIT_MS} ms)`,
          ko: `응답하지 않는 서버로 가는 요청이 끝나지 않은 동안(프록시는 ${CONNECT_WAIT_MS} ms 안에 그 서버에 연결하지 않았습니다)`,
        };
    if (verdict.ok) {
      if (!reached && endedEarly) {
        return {
          passed: false,
          detail: {
            en: 'The proxy ended the request for the silent origin without ever connecting to it, so nothing was left hanging to test against.',
            ko: '프록시가 응답하지 않는 서버에 한 번도 연결하지 않고 그 요청을 끝내서, 묶여 있는 요청을 두고 시험할 수가 없었습니다.',
          },
          hint: {
            en: 'Connect to the origin named in the URI (host and port) for every GET request.',
            ko: 'GET 요청마다 URI에 적힌 서버(호스트와 포트)에 연결하세요.',
          },
        };
      }
      return {
        passed: true,
        detail: {
          en: `Home was served byte for byte ${pending.en}.`,
          ko: `${pending.ko}에도 홈 페이지가 바이트 그대로 전달되었습니다.`,
        },
      };
    }
    return {
      passed: false,
      detail: {
        en: `Fetching home ${pending.en}: ${verdict.account.en}.`,
        ko: `${pending.ko} 홈 페이지를 가져오기: ${verdict.account.ko}.`,
      },
      expected: verdict.expected,
      received: verdict.received,
      hint: hintFor(verdict, concurrencyHints.serialised),
      reproduce: verdict.reproduce,
    };
  },
};
