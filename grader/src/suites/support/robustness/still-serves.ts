import { freshUrl } from '../../../harness/corpus/fresh-url.js';
import { verifyFetch } from '../../../harness/clients/verify-fetch.js';
import type { Bilingual, CheckContext, CheckOutcome } from '../../../types.js';

const FETCH_LIMIT_MS = 5000;

/**
 * Fetches home through the proxy and compares it byte for byte. Returns a failed outcome saying the proxy
 * stopped answering after `what`, or undefined when it still serves.
 */
export async function checkStillServes(
  ctx: CheckContext,
  what: string,
  hint: Bilingual,
): Promise<CheckOutcome | undefined> {
  const url = freshUrl(ctx.harness, 'home');
  const verdict = await verifyFetch(ctx, url, { timeoutMs: ctx.timeoutMs(FETCH_LIMIT_MS) });
  if (verdict.ok) return undefined;
  const stopped =
    verdict.response.errorCode === 'ECONNREFUSED' || verdict.response.timedOut
      ? `the proxy stopped answering after ${what}`
      : `after ${what}, a normal fetch of home went wrong`;
  return {
    passed: false,
    detail: `${stopped}: ${verdict.summary}.`.replace(/^./, (c) => c.toUpperCase()),
    expected: verdict.expected,
    received: verdict.received,
    hint,
    reproduce: verdict.reproduce,
  };
}
