// What the origin receives: the proxy's forwarded request head, captured byte for byte by a recording origin.
import { excerpt } from '../../harness/compare.js';
import { headerValues } from '../../harness/parse-response.js';
import { createPrng } from '../../harness/prng.js';
import { curlLine } from '../../harness/raw-client.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { describeMissingHead, type RecordedExchange, recordForwarded } from './forwarded-head.js';

export const REQUIRED_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:10.0.3) Gecko/20120305 Firefox/10.0.3';

const HTTP10_HINT: Bilingual = {
  en: "Send the origin 'GET <path> HTTP/1.0': only the path from the URI (query included), and version HTTP/1.0.",
  ko: "원 서버에는 'GET <경로> HTTP/1.0'을 보내세요. URI의 경로(쿼리 포함)만, 버전은 HTTP/1.0으로.",
};

/** A short token from the run's seed, so a rerun with --seed sends the same requests. */
function tokenFor(ctx: CheckContext, label: string): string {
  return createPrng(ctx.harness.seed, label).nextU32().toString(36);
}

function failed(
  recorded: RecordedExchange,
  ctx: CheckContext,
  detail: string,
  hint: Bilingual,
  extra = '',
): CheckOutcome {
  return {
    passed: false,
    detail,
    received: recorded.head.headerLines.length
      ? [recorded.head.requestLine, ...recorded.head.headerLines].join(' | ').slice(0, 400)
      : excerpt(recorded.capture.bytes, 0, 80),
    hint,
    reproduce: curlLine(ctx.proxy, recorded.url, extra),
  };
}

export const requestLineCheck: CheckDef = {
  id: 'basic.request-line',
  title: { en: "The origin receives 'GET /path HTTP/1.0'", ko: "원 서버가 'GET /path HTTP/1.0'을 받는다" },
  timeoutMs: 10_000,
  hint: HTTP10_HINT,
  async run(ctx) {
    const path = `/rec/page-${tokenFor(ctx, 'request-line')}.html?q=${tokenFor(ctx, 'request-line-q')}&lang=ko`;
    const recorded = await recordForwarded(ctx, { path });
    const missing = describeMissingHead(ctx, recorded);
    if (missing) return missing;
    const want = `GET ${path} HTTP/1.0`;
    const got = recorded.head.requestLine;
    if (got !== want) {
      const detail = `The origin received the request line ${JSON.stringify(got)}; expected ${JSON.stringify(want)}.`;
      return { ...failed(recorded, ctx, detail, HTTP10_HINT), expected: want };
    }
    if (recorded.head.bareLf) {
      return failed(recorded, ctx, 'Some forwarded lines end with a bare LF instead of CRLF.', {
        en: "End every line of the request head with '\\r\\n', and the head with an empty line '\\r\\n'.",
        ko: "요청 헤더의 모든 줄을 '\\r\\n'으로 끝내고, 헤더 끝에는 빈 줄 '\\r\\n'을 보내세요.",
      });
    }
    return { passed: true };
  },
};

const HOST_HINT: Bilingual = {
  en: "Send exactly one Host header: the client's own when it sent one, else 'host:port' from the URI.",
  ko: "Host 헤더를 정확히 하나 보내세요. 클라이언트가 보냈으면 그 값을, 아니면 URI의 'host:port'를.",
};

export const hostHeaderCheck: CheckDef = {
  id: 'basic.host-header',
  title: {
    en: "Exactly one Host header: the client's, or host:port from the URI",
    ko: 'Host 헤더가 정확히 하나: 클라이언트의 것 또는 URI의 host:port',
  },
  timeoutMs: 15_000,
  hint: HOST_HINT,
  run: checkHostHeader,
};

async function checkHostHeader(ctx: CheckContext): Promise<CheckOutcome> {
  const cases = [
    { path: `/rec/host-${tokenFor(ctx, 'host-a')}.html`, client: (port: number) => `localhost:${port}` },
    { path: `/rec/host-${tokenFor(ctx, 'host-b')}.html`, client: null },
  ];
  for (const c of cases) {
    const recorded = await recordForwarded(ctx, { path: c.path, hostHeader: c.client });
    const missing = describeMissingHead(ctx, recorded);
    if (missing) return missing;
    const port = new URL(recorded.url).port;
    const want = c.client ? c.client(Number(port)) : `127.0.0.1:${port}`;
    const hosts = headerValues(recorded.head.headers, 'host');
    const situation = c.client
      ? `The client sent 'Host: ${want}' (the URI says 127.0.0.1:${port})`
      : `The client sent no Host header for ${recorded.url}`;
    const extra = c.client ? `-H 'Host: ${want}'` : "-H 'Host:'";
    if (hosts.length !== 1 || hosts[0] !== want) {
      const got = hosts.length === 0 ? 'no Host header' : hosts.map((h) => `'Host: ${h}'`).join(', ');
      const detail = `${situation}; the origin received ${got}, expected exactly 'Host: ${want}'.`;
      return { ...failed(recorded, ctx, detail, HOST_HINT, extra), expected: `Host: ${want}` };
    }
  }
  return { passed: true };
}

const REQUIRED_HINT: Bilingual = {
  en: `Replace the client's User-Agent, Connection and Proxy-Connection with exactly one each of 'User-Agent: ${REQUIRED_USER_AGENT}', 'Connection: close', 'Proxy-Connection: close'.`,
  ko: `클라이언트의 User-Agent, Connection, Proxy-Connection을 'User-Agent: ${REQUIRED_USER_AGENT}', 'Connection: close', 'Proxy-Connection: close'로 각각 정확히 하나씩 바꾸세요.`,
};

export const requiredHeadersCheck: CheckDef = {
  id: 'basic.required-headers',
  title: {
    en: 'User-Agent, Connection: close and Proxy-Connection: close are sent once each',
    ko: 'User-Agent, Connection: close, Proxy-Connection: close가 각각 한 번씩 전송된다',
  },
  timeoutMs: 10_000,
  hint: REQUIRED_HINT,
  async run(ctx) {
    const path = `/rec/required-${tokenFor(ctx, 'required')}.html`;
    const headers: Array<[string, string]> = [
      ['User-Agent', 'curl/7.88.1'],
      ['Accept', '*/*'],
      ['Connection', 'keep-alive'],
      ['Proxy-Connection', 'Keep-Alive'],
    ];
    const recorded = await recordForwarded(ctx, { path, headers });
    const missing = describeMissingHead(ctx, recorded);
    if (missing) return missing;
    const problems: string[] = [];
    const required: Array<[string, string, boolean]> = [
      ['User-Agent', REQUIRED_USER_AGENT, true],
      ['Connection', 'close', false],
      ['Proxy-Connection', 'close', false],
    ];
    for (const [name, value, exactCase] of required) {
      const values = headerValues(recorded.head.headers, name);
      const matches = (v: string) => (exactCase ? v === value : v.toLowerCase() === value);
      if (values.length === 0) problems.push(`no ${name} header`);
      else if (values.length > 1) problems.push(`${values.length} ${name} headers (${values.join(' / ')})`);
      else if (!matches(values[0] as string))
        problems.push(`'${name}: ${values[0]}' instead of '${name}: ${value}'`);
    }
    if (problems.length === 0) return { passed: true };
    const detail = `The client sent curl's User-Agent, 'Connection: keep-alive' and 'Proxy-Connection: Keep-Alive'; the origin received ${problems.join('; ')}.`;
    return failed(recorded, ctx, detail, REQUIRED_HINT);
  },
};

const PASSTHROUGH_HINT: Bilingual = {
  en: 'Forward every other client header line unchanged and in its order (only Host, User-Agent, Connection and Proxy-Connection are yours to set).',
  ko: '그 밖의 클라이언트 헤더 줄은 바꾸지 말고 순서대로 전달하세요(Host, User-Agent, Connection, Proxy-Connection만 프록시가 정합니다).',
};

export const headerPassthroughCheck: CheckDef = {
  id: 'basic.header-passthrough',
  title: {
    en: "The client's other headers arrive unchanged and in order",
    ko: '클라이언트의 다른 헤더가 바뀌지 않고 순서대로 도착한다',
  },
  timeoutMs: 10_000,
  hint: PASSTHROUGH_HINT,
  async run(ctx) {
    const token = tokenFor(ctx, 'passthrough');
    const custom: Array<[string, string]> = [
      ['X-Proxylab-Token', `${token}-${tokenFor(ctx, 'passthrough-2')}`],
      ['Accept-Language', 'ko-KR,ko;q=0.9,en-US;q=0.8'],
      ['Cookie', `session=${token}; theme=dark`],
    ];
    const headers: Array<[string, string]> = [
      ['User-Agent', 'curl/7.88.1'],
      custom[0] as [string, string],
      ['Accept', '*/*'],
      custom[1] as [string, string],
      ['Proxy-Connection', 'Keep-Alive'],
      custom[2] as [string, string],
    ];
    const recorded = await recordForwarded(ctx, { path: `/rec/pass-${token}.html`, headers });
    const missing = describeMissingHead(ctx, recorded);
    if (missing) return missing;
    const wanted = custom.map(([name, value]) => `${name}: ${value}`);
    const lines = recorded.head.headerLines;
    const problems: string[] = [];
    for (const line of wanted) {
      const count = lines.filter((l) => l === line).length;
      if (count !== 1)
        problems.push(count === 0 ? `'${line}' is missing or altered` : `'${line}' came ${count} times`);
    }
    const positions = wanted.map((line) => lines.indexOf(line));
    if (problems.length === 0 && positions.some((p, i) => i > 0 && p < (positions[i - 1] ?? 0))) {
      problems.push('the three lines arrived in a different order');
    }
    if (problems.length === 0) return { passed: true };
    const detail = `The client sent ${wanted.map((l) => `'${l}'`).join(', ')} in this order; ${problems.join('; ')}.`;
    return { ...failed(recorded, ctx, detail, PASSTHROUGH_HINT), expected: wanted.join(' | ') };
  },
};

export const nothingAfterHeadCheck: CheckDef = {
  id: 'basic.nothing-after-head',
  title: {
    en: 'Nothing is sent after the blank line ending the request',
    ko: '요청을 끝내는 빈 줄 뒤에 아무것도 보내지 않는다',
  },
  timeoutMs: 10_000,
  hint: {
    en: 'Write exactly the bytes of the head you built (its length, not the buffer size), ending with one empty line.',
    ko: '만든 헤더의 바이트만 정확히 쓰세요(버퍼 크기가 아니라 그 길이만큼). 끝에는 빈 줄 하나만.',
  },
  async run(ctx) {
    const recorded = await recordForwarded(ctx, {
      path: `/rec/after-${tokenFor(ctx, 'after')}.html`,
      untilClose: true,
    });
    const missing = describeMissingHead(ctx, recorded);
    if (missing) return missing;
    const { after } = recorded.head;
    if (after.length === 0) return { passed: true };
    const nuls = after.every((b) => b === 0) ? ' (all NUL bytes: the unused rest of a buffer?)' : '';
    return {
      ...failed(
        recorded,
        ctx,
        `The origin received ${after.length} bytes after the blank line${nuls}.`,
        nothingAfterHeadCheck.hint,
      ),
      received: excerpt(after, 0),
      expected: '(nothing)',
    };
  },
};
