// Basic fetches: each object through the proxy, read to EOF, compared byte for byte with the origin's answer.
// Every URL fetched here is fetched by no other check of a run (objects of its own, a CGI query range of its
// own, '/' on an origin of its own), so a basic check always meets a cache miss, whatever the cache does.
import { checkFetch } from '../../harness/check-fetch.js';
import { compareBytes } from '../../harness/compare.js';
import { parseResponse } from '../../harness/parse-response.js';
import { createPrng } from '../../harness/prng.js';
import { startTinyOrigin } from '../../harness/tiny-origin.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';

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

function objectCheck(spec: ObjectCheckSpec): CheckDef {
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

export const htmlCheck = objectCheck({
  id: 'basic.html',
  object: 'basic-html',
  title: { en: 'An html page comes through unchanged', ko: 'html 페이지가 그대로 전달된다' },
  what: { en: 'the html page', ko: 'html 페이지' },
});

export const textCheck = objectCheck({
  id: 'basic.text',
  object: 'text',
  title: { en: 'A C source file comes through unchanged', ko: 'C 소스 파일이 그대로 전달된다' },
  what: { en: 'the text file', ko: '텍스트 파일' },
});

export const binarySmallCheck = objectCheck({
  id: 'basic.binary-small',
  object: 'jpeg',
  title: {
    en: 'A small binary (JPEG, with NUL bytes) comes through unchanged',
    ko: '작은 바이너리(NUL 바이트가 있는 JPEG)가 그대로 전달된다',
  },
  what: { en: 'the JPEG', ko: 'JPEG' },
});

export const binaryLargeCheck = objectCheck({
  id: 'basic.binary-large',
  object: 'basic-large',
  title: {
    en: 'A binary of more than 1 MiB comes through unchanged',
    ko: '1 MiB가 넘는 바이너리가 그대로 전달된다',
  },
  what: { en: 'the 1.3 MB binary', ko: '1.3 MB 바이너리' },
});

export const binaryHugeCheck = objectCheck({
  id: 'basic.binary-huge',
  object: 'basic-huge',
  title: {
    en: 'A binary of more than 8 MiB comes through unchanged',
    ko: '8 MiB가 넘는 바이너리가 그대로 전달된다',
  },
  what: { en: 'the 8.4 MB binary', ko: '8.4 MB 바이너리' },
  baseTimeoutMs: 10_000,
});

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

export const defaultPathCheck: CheckDef = {
  id: 'basic.default-path',
  title: {
    en: "A URL with no path, or just '/', fetches the home page",
    ko: "경로가 없거나 '/'뿐인 URL이 홈 페이지를 가져온다",
  },
  timeoutMs: 15_000,
  hint: {
    en: "A URI with no path (http://host:port) means '/': send 'GET / HTTP/1.0'.",
    ko: "경로가 없는 URI(http://host:port)는 '/'를 뜻합니다. 'GET / HTTP/1.0'을 보내세요.",
  },
  // The two forms go to two Tiny origins serving the same files (the run's own and one started here), so they
  // are two cache keys with the same answer: the second fetch is a miss in a proxy whose cache (rightly) files
  // 'http://h:p' under 'http://h:p/', and a cache keyed on the path alone still gets it right.
  async run(ctx) {
    const twin = await startTinyOrigin({ root: ctx.harness.rootDir, log: (line) => ctx.log(line) });
    ctx.defer(() => twin.close());
    const bare = twin.url('/').slice(0, -1);
    const slash = ctx.harness.tiny.url('/');
    for (const url of [bare, slash]) {
      const what =
        url === bare
          ? { en: `the URL ${bare} (no path)`, ko: `URL ${bare} (경로 없음)` }
          : { en: `the URL ${slash}`, ko: `URL ${slash}` };
      const truthUrl = url === bare ? `${bare}/` : slash;
      const { outcome } = await checkFetch(ctx, url, { what, truthUrl });
      if (!outcome.passed) return url === bare ? { ...outcome, hint: defaultPathCheck.hint } : outcome;
    }
    return { passed: true };
  },
};

export const queryEscapesCheck: CheckDef = {
  id: 'basic.query-escapes',
  title: {
    en: 'A path with escapes (%20) and a query string comes through',
    ko: '이스케이프(%20)와 쿼리 문자열이 있는 경로가 전달된다',
  },
  timeoutMs: 10_000,
  hint: {
    en: "Forward the path exactly as the client wrote it (keep '%20' and the '?x=1&y=%41' query); do not decode it.",
    ko: "클라이언트가 쓴 경로를 그대로 전달하세요('%20'과 '?x=1&y=%41' 쿼리 유지). 디코딩하지 마세요.",
  },
  async run(ctx) {
    const { path } = ctx.harness.object('query');
    const target = `${encodePath(path)}?x=1&y=%41`;
    const { outcome, response } = await checkFetch(ctx, ctx.harness.tiny.url(target), {
      what: { en: `the escaped path ${target}`, ko: `이스케이프된 경로 ${target}` },
    });
    // Tiny answers 400/404 when the path arrives decoded (a raw space splits the request line)
    const status = parseResponse(response.bytes)?.statusCode ?? 0;
    return status >= 400 ? { ...outcome, hint: queryEscapesCheck.hint } : outcome;
  },
};

export const originPortCheck: CheckDef = {
  id: 'basic.origin-port',
  title: { en: 'The origin port in the URL is the one used', ko: 'URL의 원 서버 포트가 사용된다' },
  timeoutMs: 10_000,
  hint: {
    en: 'Connect to the port written in the URI (after the colon); use 80 only when the URI has none.',
    ko: 'URI에 적힌 포트(콜론 뒤)로 접속하세요. URI에 포트가 없을 때만 80을 쓰세요.',
  },
  run: checkOriginPort,
};

async function checkOriginPort(ctx: CheckContext): Promise<CheckOutcome> {
  const { path } = ctx.harness.object('port-check');
  const alt = ctx.harness.tinyAlt;
  const { outcome, response } = await checkFetch(ctx, alt.url(path), {
    what: { en: `${path} from port ${alt.port}`, ko: `포트 ${alt.port}의 ${path}` },
  });
  if (outcome.passed) return outcome;
  const mainTruth = await ctx.harness.expected(ctx.harness.tiny.url(path));
  if (compareBytes(mainTruth.bytes, response.bytes).equal) {
    return {
      ...outcome,
      detail: {
        en: `${path} came from the origin on port ${ctx.harness.tiny.port}, not from port ${alt.port} as the URL says.`,
        ko: `${path}가 URL에 적힌 포트 ${alt.port}가 아니라 포트 ${ctx.harness.tiny.port}의 서버에서 왔습니다.`,
      },
      hint: originPortCheck.hint,
    };
  }
  const status = parseResponse(response.bytes)?.statusCode ?? 0;
  const unreachable = response.bytes.length === 0 || status >= 400;
  return unreachable ? { ...outcome, hint: originPortCheck.hint } : outcome;
}
