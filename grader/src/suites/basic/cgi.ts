// basic.cgi: a CGI answer with a query string, on a query range no other check of a run fetches.
import { checkFetch } from '../../harness/clients/check-fetch.js';
import { createPrng } from '../../harness/corpus/prng.js';
import type { CheckDef } from '../../types.js';

export const cgiCheck: CheckDef = {
  id: 'basic.cgi',
  title: {
    en: 'A CGI program with a query string answers through the proxy',
    ko: '쿼리 문자열이 있는 CGI 프로그램이 프록시를 통해 응답한다',
  },
  timeoutMs: 10_000,
  hint: {
    en: "Forward the whole request target, query string included ('/cgi-bin/adder?1&2'), and relay the CGI's output until EOF.",
    ko: "쿼리 문자열을 포함한 요청 대상 전체('/cgi-bin/adder?1&2')를 전달하고, CGI 출력을 EOF까지 전달하세요.",
  },
  async run(ctx) {
    const prng = createPrng(ctx.harness.seed, 'basic.cgi');
    // first operand above the range cache.distinct-keys uses (100..10099): never the same URL
    const url = ctx.harness.tiny.url(`/cgi-bin/adder?${10_100 + prng.int(30_000)}&${1 + prng.int(30_000)}`);
    const { outcome } = await checkFetch(ctx, url, {
      what: {
        en: `the CGI answer ${new URL(url).pathname}${new URL(url).search}`,
        ko: `CGI 응답 ${new URL(url).pathname}${new URL(url).search}`,
      },
    });
    return outcome;
  },
};
