// basic.header-passthrough: every other client header reaches the origin unchanged and in order.
import type { Bilingual, CheckDef } from '../../types.js';
import { clientHeads, PROXY_OWNED, passThroughLines } from '../support/basic/client-heads.js';
import {
  describeMissingHead,
  failedForward as failed,
  type RecordedExchange,
  recordForwarded,
  tokenFor,
} from '../support/basic/forwarded-head.js';

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
    const failures: string[] = [];
    let firstFailed: { recorded: RecordedExchange; wanted: string[] } | undefined;
    for (const [index, head] of clientHeads(token).entries()) {
      const recorded = await recordForwarded(ctx, {
        path: `/rec/pass-${token}-${index}.html`,
        headers: head.headers,
      });
      const missing = describeMissingHead(ctx, recorded);
      if (missing) return missing;
      const wanted = passThroughLines(head.headers);
      const got = recorded.head.headerLines.filter((line) => !PROXY_OWNED.includes(nameOf(line)));
      const problems = passThroughProblems(wanted, got);
      if (problems.length === 0) continue;
      firstFailed ??= { recorded, wanted };
      failures.push(`${head.label}: ${problems.join('; ')}`);
    }
    if (!firstFailed) return { passed: true };
    const detail = `Of the client's own header lines (all but Host, User-Agent, Connection, Proxy-Connection), nothing may be dropped, altered or added. ${failures.join('. ')}.`;
    return {
      ...failed(firstFailed.recorded, ctx, detail, PASSTHROUGH_HINT),
      expected: firstFailed.wanted.join(' | '),
    };
  },
};

const nameOf = (line: string) =>
  line
    .slice(0, Math.max(0, line.indexOf(':')))
    .trim()
    .toLowerCase();

/** What differs between the lines the client sent (wanted) and the ones the origin got, in words. */
function passThroughProblems(wanted: string[], got: string[]): string[] {
  const problems: string[] = [];
  const dropped = wanted.filter((line) => !got.includes(line));
  const added = got.filter((line) => !wanted.includes(line));
  if (dropped.length) problems.push(`missing or altered ${dropped.map((l) => `'${l}'`).join(', ')}`);
  if (added.length) problems.push(`added ${added.map((l) => `'${l}'`).join(', ')}`);
  for (const line of wanted) {
    const count = got.filter((l) => l === line).length;
    if (count > 1) problems.push(`'${line}' came ${count} times`);
  }
  const kept = got.filter((line) => wanted.includes(line));
  const order = wanted.filter((line) => kept.includes(line));
  if (problems.length === 0 && kept.join('\n') !== order.join('\n'))
    problems.push('the lines arrived in another order');
  return problems;
}
