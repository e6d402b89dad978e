import type { Bilingual, CheckContext, CheckOutcome, Text } from '../../types.js';
import { judgeResponse } from '../judge-response.js';
import { parseResponse } from '../parse-response.js';
import { curlLine, fetchViaProxy, type RawResponse } from './raw-client.js';

/** How long a complete response may stay open before the proxy is judged not to close it (answerMs-scaled). */
const CLOSE_WAIT_MS = 2000;

/**
 * Proxy processes (port and pid) that have served a correct, closed cache hit in this run: a hit taken by one check
 * stays with the process into the next check on it.
 */
const servedHit = new Set<string>();
const processKey = (ctx: CheckContext) => `${ctx.proxy.host}:${ctx.proxy.port}:${ctx.proxyPid ?? '?'}`;

export interface CheckedFetch {
  outcome: CheckOutcome;
  response: RawResponse;
}

export interface CheckFetchOptions {
  /** For the sentence, e.g. 'the JPEG /img/photo.jpg'. */
  what: Text;
  /** @default 5000 (scaled) */
  baseTimeoutMs?: number;
  cacheHit?: boolean;
  /** Tolerate bytes after the whole response (see JudgeOptions). @default false */
  allowTrailing?: boolean;
  /** Ground-truth URL when it differs from the fetched one (e.g. 'http://h:p' vs 'http://h:p/'). */
  truthUrl?: string;
}

/** Fetches `url` through the proxy like curl does, reads to EOF, and judges it against the origin's bytes. */
export async function checkFetch(
  ctx: CheckContext,
  url: string,
  options: CheckFetchOptions,
): Promise<CheckedFetch> {
  const expected = await ctx.harness.expected(options.truthUrl ?? url);
  const timeoutMs = ctx.timeoutMs(options.baseTimeoutMs ?? 5000);
  ctx.log(`→ GET ${url} via ${ctx.proxy.host}:${ctx.proxy.port}`);
  const closeMs = Math.min(timeoutMs, ctx.answerMs(CLOSE_WAIT_MS));
  const response = await fetchViaProxy(ctx.proxy, url, {
    timeoutMs,
    signal: ctx.signal,
    closeAfter: { bytes: expected.bytes.length, ms: closeMs },
  });
  ctx.log(`← ${describeReceived(response)}`);
  const outcome = judgeResponse(expected, response, {
    what: options.what,
    timeoutMs,
    closeMs,
    afterHit: servedHit.has(processKey(ctx)),
    cacheHit: options.cacheHit ?? false,
    allowTrailing: options.allowTrailing ?? false,
    reproduce: curlLine(ctx.proxy, url),
    others: ctx.harness.knownTruths?.().filter((truth) => truth.url !== (options.truthUrl ?? url)),
  });
  if (outcome.passed && options.cacheHit) noteServedHit(ctx);
  return { outcome, response };
}

/** Records that the proxy process of `ctx` served correct, closed cache hits (checks that fetch hits themselves). */
export function noteServedHit(ctx: CheckContext): void {
  servedHit.add(processKey(ctx));
}

/** One log line about a response: its status line, size and how it ended. */
export function describeReceived(response: RawResponse): string {
  return receivedText(response).en;
}

/** describeReceived in each language, for a check's detail. */
export function receivedText(response: RawResponse): Bilingual {
  const status = parseResponse(response.bytes)?.statusLine;
  const ending = response.timedOut
    ? { en: 'timed out', ko: '시간 초과' }
    : response.errorCode
      ? { en: response.errorCode, ko: response.errorCode }
      : response.ended
        ? { en: 'EOF', ko: 'EOF' }
        : { en: 'stopped', ko: '멈춤' };
  const { length } = response.bytes;
  return {
    en: `${status ?? '(no complete head)'} — ${length} bytes, ${ending.en}, ${response.durationMs} ms`,
    ko: `${status ?? '(완전한 헤더 없음)'} — ${length}바이트, ${ending.ko}, ${response.durationMs} ms`,
  };
}
