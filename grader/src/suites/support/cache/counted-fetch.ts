import { bilingual } from '../../../i18n.js';
import { checkFetch } from '../../../harness/clients/check-fetch.js';
import type { TinyOrigin } from '../../../harness/harness.js';
import type { RawResponse } from '../../../harness/clients/raw-client.js';
import type { Bilingual, CheckContext, CheckOutcome, Text } from '../../../types.js';

/** How long the origin may take to read the request heads of connections already made to it. */
const SETTLE_MS = 2000;

export interface CountedFetch {
  outcome: CheckOutcome;
  response: RawResponse;
  /** Requests the origin received for this path during the fetch. */
  originRequests: number;
}

/** Fetches `path` from `origin` through the proxy, judges the bytes, and counts the origin requests it caused. */
export async function fetchCounted(
  ctx: CheckContext,
  origin: TinyOrigin,
  path: string,
  options: { what?: Text; cacheHit?: boolean; allowTrailing?: boolean } = {},
): Promise<CountedFetch> {
  const url = origin.url(path);
  await ctx.harness.expected(url);
  await origin.settle({ timeoutMs: ctx.timeoutMs(SETTLE_MS), signal: ctx.signal });
  const before = origin.hits(path);
  const { outcome, response } = await checkFetch(ctx, url, {
    what: options.what ?? path,
    cacheHit: options.cacheHit ?? false,
    allowTrailing: options.allowTrailing ?? false,
  });
  // the client's EOF says nothing about the origin: a proxy may have sent it the request just before
  await origin.settle({ timeoutMs: ctx.timeoutMs(SETTLE_MS), signal: ctx.signal });
  return { outcome, response, originRequests: origin.hits(path) - before };
}

export const CACHE_HINT: Bilingual = {
  en: 'Store each complete response of at most MAX_OBJECT_SIZE bytes under its full URL, and look it up before connecting to the origin.',
  ko: 'MAX_OBJECT_SIZE 이하의 완전한 응답을 URL 전체를 키로 저장하고, 원 서버에 접속하기 전에 캐시를 먼저 찾으세요.',
};

/** Prefixes a failed fetch's detail with the step it belonged to. */
export function atStep(step: Bilingual, outcome: CheckOutcome): CheckOutcome {
  const failed = bilingual(outcome.detail ?? { en: 'failed', ko: '실패' });
  return { ...outcome, detail: { en: `${step.en}: ${failed.en}`, ko: `${step.ko}: ${failed.ko}` } };
}
