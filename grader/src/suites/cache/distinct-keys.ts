import { bilingual } from '../../i18n.js';
// Cache keys: the same path on another host or port, another directory, another query — each its own object.
import { checkFetch } from '../../harness/clients/check-fetch.js';
import { compareBytes } from '../../harness/compare.js';
import { createPrng } from '../../harness/corpus/prng.js';
import { buildFixedResponse, startRecordingOrigin } from '../../harness/origins/recording-origin.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { proveCaching } from '../support/cache/caches-at-all.js';

const KEYS_HINT: Bilingual = {
  en: 'Key the cache on the whole URL — host, port, path and query — not on the path or the host alone.',
  ko: '캐시 키는 경로나 호스트만이 아니라 URL 전체(호스트, 포트, 경로, 쿼리)로 하세요.',
};

export const distinctKeysCheck: CheckDef = {
  id: 'cache.distinct-keys',
  title: {
    en: 'Different hosts, ports, directories and queries never share a cache entry',
    ko: '호스트, 포트, 디렉터리, 쿼리가 다르면 캐시 항목을 공유하지 않는다',
  },
  timeoutMs: 75_000,
  hint: KEYS_HINT,
  run: checkDistinctKeys,
};

async function checkDistinctKeys(ctx: CheckContext): Promise<CheckOutcome> {
  const unproven = await proveCaching(ctx, { en: 'keeping keys apart', ko: '키 구분' });
  if (unproven) return unproven;
  const { tiny, tinyAlt } = ctx.harness;
  const samePath = ctx.harness.object('keys-same').path;
  const other = await startRecordingOrigin(
    buildFixedResponse(`a third origin on 127.0.0.1, same path ${samePath}\n`),
  );
  ctx.defer(() => other.close());
  const prng = createPrng(ctx.harness.seed, 'cache.distinct-keys');
  const a = 100 + prng.int(10_000);
  const urls = [
    tiny.url(samePath),
    tinyAlt.url(samePath),
    other.url(samePath),
    tiny.url(ctx.harness.object('keys-dir-a').path),
    tiny.url(ctx.harness.object('keys-dir-b').path),
    tiny.url(`/cgi-bin/adder?${a}&${1 + prng.int(10_000)}`),
    tiny.url(`/cgi-bin/adder?${a}&${20_000 + prng.int(10_000)}`),
  ];
  const truths = await Promise.all(urls.map((url) => ctx.harness.expected(url)));
  const rounds = [
    { en: 'first', ko: '첫 번째' },
    { en: 'second', ko: '두 번째' },
  ];
  for (const round of rounds) {
    for (const [index, url] of urls.entries()) {
      const { outcome, response } = await checkFetch(ctx, url, {
        what: url,
        cacheHit: round.en === 'second',
      });
      if (outcome.passed) continue;
      const clash = truths.findIndex(
        (truth, i) => i !== index && compareBytes(truth.bytes, response.bytes).equal,
      );
      if (clash >= 0) {
        return {
          ...outcome,
          detail: {
            en: `${url} (${round.en} round) got the response of ${urls[clash]}: the cache mixed up their keys.`,
            ko: `${url}(${round.ko} 라운드)가 ${urls[clash]}의 응답을 받았습니다: 캐시가 두 키를 섞었습니다.`,
          },
          hint: KEYS_HINT,
        };
      }
      const failed = bilingual(outcome.detail ?? '');
      const detail = { en: `${round.en} round: ${failed.en}`, ko: `${round.ko} 라운드: ${failed.ko}` };
      return { ...outcome, detail };
    }
  }
  return { passed: true };
}
