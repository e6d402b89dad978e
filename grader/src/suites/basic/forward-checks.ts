// What the origin receives: the proxy's forwarded request head, captured byte for byte by a recording origin.
import { excerpt } from '../../harness/compare.js';
import { headerValues } from '../../harness/parse-response.js';
import type { Bilingual, CheckContext, CheckDef, CheckOutcome } from '../../types.js';
import { describeMissingHead, failedForward as failed, recordForwarded, tokenFor } from './forwarded-head.js';

const HTTP10_HINT: Bilingual = {
  en: "Send the origin 'GET <path> HTTP/1.0': only the path from the URI (query included), and version HTTP/1.0.",
  ko: "원 서버에는 'GET <경로> HTTP/1.0'을 보내세요. URI의 경로(쿼리 포함)만, 버전은 HTTP/1.0으로.",
};

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
      const detail = {
        en: `The origin received the request line ${JSON.stringify(got)}; expected ${JSON.stringify(want)}.`,
        ko: `서버가 받은 요청 줄은 ${JSON.stringify(got)}입니다. 기대한 것은 ${JSON.stringify(want)}입니다.`,
      };
      return { ...failed(recorded, ctx, detail, HTTP10_HINT), expected: want };
    }
    if (recorded.head.bareLf) {
      const bareLf = {
        en: 'Some forwarded lines end with a bare LF instead of CRLF.',
        ko: '전달된 줄 가운데 CRLF 대신 LF만으로 끝나는 줄이 있습니다.',
      };
      return failed(recorded, ctx, bareLf, {
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
      ? {
          en: `The client sent 'Host: ${want}' (the URI says 127.0.0.1:${port})`,
          ko: `클라이언트는 'Host: ${want}' 헤더를 보냈습니다(URI에는 127.0.0.1:${port})`,
        }
      : {
          en: `The client sent no Host header for ${recorded.url}`,
          ko: `클라이언트가 ${recorded.url} 요청에 Host 헤더를 보내지 않았습니다`,
        };
    const extra = c.client ? `-H 'Host: ${want}'` : "-H 'Host:'";
    if (hosts.length !== 1 || hosts[0] !== want) {
      const listed = hosts.map((h) => `'Host: ${h}'`).join(', ');
      const detail = {
        en: `${situation.en}; the origin received ${hosts.length === 0 ? 'no Host header' : listed}, expected exactly 'Host: ${want}'.`,
        ko: `${situation.ko}. 서버가 받은 것: ${hosts.length === 0 ? 'Host 헤더 없음' : listed}. 정확히 'Host: ${want}' 하나여야 합니다.`,
      };
      return { ...failed(recorded, ctx, detail, HOST_HINT, extra), expected: `Host: ${want}` };
    }
  }
  return { passed: true };
}

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
    const nuls = after.every((b) => b === 0);
    const detail = {
      en: `The origin received ${after.length} bytes after the blank line${nuls ? ' (all NUL bytes: the unused rest of a buffer?)' : ''}.`,
      ko: `서버가 빈 줄 뒤에 ${after.length}바이트를 더 받았습니다${nuls ? '(모두 NUL 바이트: 버퍼의 안 쓴 나머지일까요?)' : ''}.`,
    };
    return {
      ...failed(recorded, ctx, detail, nothingAfterHeadCheck.hint),
      received: excerpt(after, 0),
      expected: { en: '(nothing)', ko: '(없음)' },
    };
  },
};
