import type { Bilingual, CheckContext } from '../../types.js';
import { compareBytes, excerpt } from '../compare.js';
import { curlLine, fetchViaProxy, type RawResponse } from './raw-client.js';

/** The verdict on one fetch through the proxy, against the bytes the origin sends directly. */
export interface FetchVerdict {
  ok: boolean;
  /** One sentence: what came back, in terms a student can act on. */
  account: Bilingual;
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
    account: ok
      ? comparison.account
      : describeBrokenExchange(response, options.timeoutMs, comparison.account),
    expected: comparison.expectedExcerpt,
    received: comparison.receivedExcerpt,
    reproduce: curlLine(ctx.proxy, url),
    response,
  };
}

/** Why an exchange through the proxy did not yield the expected bytes. */
export function describeBrokenExchange(
  response: RawResponse,
  limitMs: number,
  comparison: Bilingual,
): Bilingual {
  const got = response.bytes.length;
  if (response.errorCode === 'ECONNREFUSED') {
    return {
      en: 'the proxy refused the connection (is it still running?)',
      ko: '프록시가 연결을 거부했습니다(아직 실행 중인가요?)',
    };
  }
  if (response.timedOut) {
    const so = response.bytes.length > 0 ? excerpt(response.bytes, 0) : undefined;
    return {
      en: `no complete response within ${limitMs} ms (received ${got} bytes${so ? `; received so far ${so}` : ''})`,
      ko: `${limitMs} ms 안에 완전한 응답이 오지 않음(${got}바이트 받음${so ? `; 지금까지 받은 것 ${so}` : ''})`,
    };
  }
  if (response.errorCode) {
    return {
      en: `the connection broke (${response.errorCode}) after ${got} bytes: ${comparison.en}`,
      ko: `${got}바이트 뒤 연결이 끊김(${response.errorCode}): ${comparison.ko}`,
    };
  }
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
