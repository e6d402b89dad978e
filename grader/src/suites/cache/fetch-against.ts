import { describeReceived } from '../../harness/check-fetch.js';
import { judgeResponse } from '../../harness/judge-response.js';
import { curlLine, fetchViaProxy } from '../../harness/raw-client.js';
import type { CheckContext, CheckOutcome } from '../../types.js';

/** Fetches `url` through the proxy and judges it against bytes the grader built itself (its own origins). */
export async function checkFetchAgainst(
  ctx: CheckContext,
  url: string,
  expected: Buffer,
  what: string,
  cacheHit = false,
): Promise<CheckOutcome> {
  const timeoutMs = ctx.timeoutMs(5000);
  const response = await fetchViaProxy(ctx.proxy, url, { timeoutMs, signal: ctx.signal });
  ctx.log(`← ${url}: ${describeReceived(response)}`);
  const truth = { bytes: expected, ended: true, timedOut: false, durationMs: 0 };
  return judgeResponse(truth, response, { what, timeoutMs, cacheHit, reproduce: curlLine(ctx.proxy, url) });
}
