// basic.query-escapes: an escaped path and its query string are forwarded as the client wrote them.
import { checkFetch } from '../../harness/clients/check-fetch.js';
import { parseResponse } from '../../harness/parse-response.js';
import type { CheckDef } from '../../types.js';
import { encodePath } from '../support/basic/object-check.js';

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
