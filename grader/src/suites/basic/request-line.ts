// basic.request-line: the origin receives 'GET <path> HTTP/1.0', captured byte for byte by a recording origin.
import type { Bilingual, CheckDef } from '../../types.js';
import {
  describeMissingHead,
  failedForward as failed,
  recordForwarded,
  tokenFor,
} from '../support/basic/forwarded-head.js';

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
