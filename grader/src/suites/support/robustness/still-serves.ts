import { freshUrl } from '../../../harness/corpus/fresh-url.js';
import { verifyFetch } from '../../../harness/clients/verify-fetch.js';
import type { Bilingual, CheckContext, CheckOutcome } from '../../../types.js';

const capitalize = (line: string) => line.replace(/^./, (c) => c.toUpperCase());

const FETCH_LIMIT_MS = 5000;

/**
 * Fetches home through the proxy and compares it byte for byte. Returns a failed outcome saying the proxy
 * stopped answering after `what`, or undefined when it still serves.
 */
export async function checkStillServes(
  ctx: CheckContext,
  what: Bilingual,
  hint: Bilingual,
): Promise<CheckOutcome | undefined> {
  const url = freshUrl(ctx.harness, 'home');
  const verdict = await verifyFetch(ctx, url, { timeoutMs: ctx.timeoutMs(FETCH_LIMIT_MS) });
  if (verdict.ok) return undefined;
  const stopped =
    verdict.response.errorCode === 'ECONNREFUSED' || verdict.response.timedOut
      ? { en: `the proxy stopped answering after ${what.en}`, ko: `${what.ko} 뒤 프록시가 응답을 멈췄습니다` }
      : {
          en: `after ${what.en}, a normal fetch of home went wrong`,
          ko: `${what.ko} 뒤 홈 페이지의 평범한 요청이 잘못되었습니다`,
        };
  return {
    passed: false,
    detail: {
      en: capitalize(`${stopped.en}: ${verdict.account.en}.`),
      ko: `${stopped.ko}: ${verdict.account.ko}.`,
    },
    expected: verdict.expected,
    received: verdict.received,
    hint,
    reproduce: verdict.reproduce,
  };
}
