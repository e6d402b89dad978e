// A basic fetch of one corpus object: through the proxy, read to EOF, compared byte for byte with the origin's
// answer. Every URL a basic check fetches is fetched by no other check of a run (objects of its own, a CGI query
// range of its own, '/' on an origin of its own), so a basic check always meets a cache miss, whatever the cache does.
import { checkFetch } from '../../../harness/clients/check-fetch.js';
import type { Bilingual, CheckDef } from '../../../types.js';

/** The URL-path form of a corpus path: each segment percent-encoded ('/q dir/x' → '/q%20dir/x'). */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

const RELAY_HINT: Bilingual = {
  en: 'Relay the whole response: read from the origin until read() returns 0 and write each chunk fully, then close.',
  ko: '응답 전체를 전달하세요. read()가 0을 돌려줄 때까지 원 서버에서 읽고 매번 전부 쓴 다음 연결을 닫으세요.',
};

interface ObjectCheckSpec {
  id: string;
  object: string;
  title: Bilingual;
  /** e.g. 'the html page' */
  what: Bilingual;
  baseTimeoutMs?: number;
}

export function objectCheck(spec: ObjectCheckSpec): CheckDef {
  const fetchMs = spec.baseTimeoutMs ?? 5000;
  return {
    id: spec.id,
    title: spec.title,
    timeoutMs: fetchMs + 5000,
    hint: RELAY_HINT,
    async run(ctx) {
      const { path } = ctx.harness.object(spec.object);
      const url = ctx.harness.tiny.url(encodePath(path));
      const { outcome } = await checkFetch(ctx, url, {
        what: { en: `${spec.what.en} ${path}`, ko: `${spec.what.ko} ${path}` },
        baseTimeoutMs: fetchMs,
      });
      return outcome;
    },
  };
}
