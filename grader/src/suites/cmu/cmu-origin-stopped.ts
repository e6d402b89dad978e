// cache.cmu-origin-stopped (driver.sh): a cached page is still served after Tiny is stopped.
import type { CheckDef } from '../../types.js';
import { fetchLikeCurl } from '../support/basic/curl-fetch.js';
import { CURL_TIMEOUT_MS, compareCurlBody } from '../support/cmu/curl-body.js';

export const originStoppedCheck: CheckDef = {
  id: 'cache.cmu-origin-stopped',
  title: {
    en: 'A cached page is still served after the origin is stopped',
    ko: '원 서버를 멈춘 뒤에도 캐시된 페이지가 제공된다',
  },
  timeoutMs: 4 * CURL_TIMEOUT_MS + 5000,
  hint: {
    en: 'Cache complete responses (up to MAX_OBJECT_SIZE) keyed by URL, and answer from the cache without contacting the origin.',
    ko: 'MAX_OBJECT_SIZE 이하의 완전한 응답을 URL을 키로 캐시하고, 적중하면 원 서버에 접속하지 말고 캐시에서 응답하세요.',
  },
  async run(ctx) {
    const tiny = ctx.harness.tiny;
    const timeoutMs = ctx.timeoutMs(CURL_TIMEOUT_MS);
    for (const name of ['cmu-source-2', 'cmu-home', 'cmu-source-1']) {
      const url = tiny.url(ctx.harness.object(name).path);
      await ctx.harness.expected(url);
      await fetchLikeCurl(ctx.proxy, url, { timeoutMs, signal: ctx.signal });
    }
    await tiny.stop();
    ctx.defer(() => tiny.start());
    return compareCurlBody(ctx, 'cmu-home', {
      en: ' (the origin was stopped: it must come from the cache)',
      ko: ' (서버가 멈춘 상태: 캐시에서 와야 함)',
    });
  },
};
