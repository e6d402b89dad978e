import { describeReceived } from '../../../harness/clients/check-fetch.js';
import { judgeResponse } from '../../../harness/judge-response.js';
import { curlLine, fetchViaProxy, type RawResponse } from '../../../harness/clients/raw-client.js';
import type { CheckContext, CheckOutcome, Text } from '../../../types.js';

/** Fetches `url` through the proxy and judges it against bytes the grader built itself (its own origins). */
export async function fetchAgainst(
  ctx: CheckContext,
  url: string,
  expected: Buffer,
  what: Text,
  options: { cacheHit?: boolean; allowTrailing?: boolean } = {},
): Promise<{ outcome: CheckOutcome; response: RawResponse }> {
  const timeoutMs = ctx.timeoutMs(5000);
  const response = await fetchViaProxy(ctx.proxy, url, { timeoutMs, signal: ctx.signal });
  ctx.log(`← ${url}: ${describeReceived(response)}`);
  const truth = { bytes: expected, ended: true, timedOut: false, durationMs: 0 };
  const reproduce = curlLine(ctx.proxy, url);
  return { outcome: judgeResponse(truth, response, { what, timeoutMs, ...options, reproduce }), response };
}

/** The response is a proper prefix of `expected` (nothing at all included) and the connection ended. */
export function endedEarly(expected: Buffer, response: RawResponse): boolean {
  const { bytes } = response;
  return (
    !response.timedOut && bytes.length < expected.length && expected.subarray(0, bytes.length).equals(bytes)
  );
}
