import type { Bilingual, CheckContext } from '../../types.js';
import { compareBytes, excerpt } from '../compare.js';
import { curlLine, fetchViaProxy, type RawResponse } from './raw-client.js';

/** The verdict on one fetch through the proxy, against the bytes the origin sends directly. */
export interface FetchVerdict {
  ok: boolean;
  /** One sentence: what came back, in terms a student can act on. */
  summary: string;
  expected: string;
  received: string;
  reproduce: string;
  response: RawResponse;
}

/** Fetches `url` through the proxy, reads to EOF, and compares byte for byte with the origin's own answer. */
export async function verifyFetch(
  ctx: CheckContext,
  url: string,
  options: { timeoutMs: number },
): Promise<FetchVerdict> {
  const expected = await ctx.harness.expected(url);
  const response = await fetchViaProxy(ctx.proxy, url, { timeoutMs: options.timeoutMs, signal: ctx.signal });
  ctx.log(`${url} → ${response.bytes.length} bytes in ${response.durationMs} ms`);
  const comparison = compareBytes(expected.bytes, response.bytes);
  const ok = comparison.equal && !response.timedOut && response.errorCode === undefined;
  return {
    ok,
    summary: ok
      ? comparison.summary
      : describeBrokenExchange(response, options.timeoutMs, comparison.summary),
    expected: comparison.expectedExcerpt,
    received: comparison.receivedExcerpt,
    reproduce: curlLine(ctx.proxy, url),
    response,
  };
}

/** Why an exchange through the proxy did not yield the expected bytes. */
export function describeBrokenExchange(response: RawResponse, limitMs: number, comparison: string): string {
  const got = `${response.bytes.length} bytes`;
  if (response.errorCode === 'ECONNREFUSED') return 'the proxy refused the connection (is it still running?)';
  if (response.timedOut) {
    const tail = response.bytes.length > 0 ? `; received so far ${excerpt(response.bytes, 0)}` : '';
    return `no complete response within ${limitMs} ms (received ${got}${tail})`;
  }
  if (response.errorCode) return `the connection broke (${response.errorCode}) after ${got}: ${comparison}`;
  return comparison;
}

/** Advice when a response arrived but its bytes were wrong (rather than late). */
export const wrongBytesHint: Bilingual = {
  en: 'The response differed from what the origin sent. Relay the origin’s bytes unchanged (status line, headers and body) until it closes, with read/write loops that handle short counts and binary data.',
  ko: '응답이 서버가 보낸 것과 다릅니다. 서버가 연결을 닫을 때까지 서버의 바이트(상태 줄, 헤더, 본문)를 그대로 전달하고, 짧은 읽기/쓰기와 바이너리 데이터를 처리하는 read/write 루프를 쓰세요.',
};

/** The hint for a failed fetch: `lateHint` when nothing complete came in time, else the wrong-bytes advice. */
export function hintFor(verdict: FetchVerdict, lateHint: Bilingual): Bilingual {
  return verdict.response.timedOut ? lateHint : wrongBytesHint;
}
