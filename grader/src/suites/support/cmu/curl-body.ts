// The CMU handout's driver.sh (2016) compares bodies as curl saves them: one corpus object fetched like curl
// through the proxy, its body compared with the one fetched directly.
import { judgeResponse } from '../../../harness/judge-response.js';
import { curlLine } from '../../../harness/clients/raw-client.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../../types.js';
import { encodePath } from '../basic/object-check.js';
import { extractCurlBody, fetchLikeCurl } from '../basic/curl-fetch.js';

export const CURL_TIMEOUT_MS = 5000;

const BODY_HINT: Bilingual = {
  en: "Relay the origin's response unchanged until it closes, with read/write byte counts (binary files contain NUL bytes).",
  ko: '원 서버가 연결을 닫을 때까지 응답을 그대로 전달하세요. 바이너리 파일에는 NUL 바이트가 있으니 바이트 수로 read/write 하세요.',
};

/** Fetches a corpus object through the proxy like curl and compares the body with the one fetched directly. */
export async function compareCurlBody(
  ctx: CheckContext,
  name: string,
  situation: Bilingual = { en: '', ko: '' },
): Promise<CheckOutcome> {
  const url = ctx.harness.tiny.url(encodePath(ctx.harness.object(name).path));
  const truth = extractCurlBody((await ctx.harness.expected(url)).bytes).body ?? Buffer.alloc(0);
  const timeoutMs = ctx.timeoutMs(CURL_TIMEOUT_MS);
  const response = await fetchLikeCurl(ctx.proxy, url, { timeoutMs, signal: ctx.signal });
  ctx.log(`${url}${situation.en}: ${response.bytes.length} bytes in ${response.durationMs} ms`);
  const { body, contentLength } = extractCurlBody(response.bytes);
  const reproduce = curlLine(ctx.proxy, url);
  if (body === undefined) {
    const code = response.errorCode ? ` (${response.errorCode})` : '';
    const why = response.timedOut
      ? { en: `within ${timeoutMs} ms`, ko: `${timeoutMs} ms 안에` }
      : { en: `before the connection ended${code}`, ko: `연결이 끝나기 전에${code}` };
    const got = response.bytes.length;
    return {
      passed: false,
      detail: {
        en: `${url}${situation.en}: no complete response head came ${why.en} (${got} bytes received).`,
        ko: `${url}${situation.ko}: ${why.ko} 완전한 응답 헤더가 오지 않았습니다(${got}바이트 받음).`,
      },
      hint: BODY_HINT,
      reproduce,
    };
  }
  const short =
    contentLength !== undefined && body.length < contentLength ? { timedOut: response.timedOut } : {};
  const outcome = judgeResponse(
    { bytes: truth, ended: true, timedOut: false, durationMs: 0 },
    { ...response, bytes: body, timedOut: false, ...short },
    {
      what: { en: `the body of ${url}${situation.en}`, ko: `${url}${situation.ko}의 본문` },
      timeoutMs,
      bodyOnly: true,
      reproduce,
    },
  );
  return outcome.passed ? { passed: true } : { ...outcome, hint: outcome.hint ?? BODY_HINT };
}

export function bodyCheck(id: string, name: string, en: string, ko: string): CheckDef {
  return {
    id,
    title: { en, ko },
    timeoutMs: CURL_TIMEOUT_MS + 5000,
    hint: BODY_HINT,
    run: (ctx) => compareCurlBody(ctx, name),
  };
}
