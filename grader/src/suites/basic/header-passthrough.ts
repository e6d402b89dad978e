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
    const failures: Bilingual[] = [];
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
      failures.push({
        en: `${head.label.en}: ${problems.map((p) => p.en).join('; ')}`,
        ko: `${head.label.ko}: ${problems.map((p) => p.ko).join('; ')}`,
      });
    }
    if (!firstFailed) return { passed: true };
    const detail = {
      en: `Of the client's own header lines (all but Host, User-Agent, Connection, Proxy-Connection), nothing may be dropped, altered or added. ${failures.map((f) => f.en).join('. ')}.`,
      ko: `클라이언트 자신의 헤더 줄(Host, User-Agent, Connection, Proxy-Connection을 뺀 전부)은 빠지거나 바뀌거나 더해지면 안 됩니다. ${failures.map((f) => f.ko).join('. ')}.`,
    };
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
function passThroughProblems(wanted: string[], got: string[]): Bilingual[] {
  const problems: Bilingual[] = [];
  const quoted = (lines: string[]) => lines.map((l) => `'${l}'`).join(', ');
  const dropped = wanted.filter((line) => !got.includes(line));
  const added = got.filter((line) => !wanted.includes(line));
  if (dropped.length) {
    problems.push({ en: `missing or altered ${quoted(dropped)}`, ko: `빠지거나 바뀜: ${quoted(dropped)}` });
  }
  if (added.length) problems.push({ en: `added ${quoted(added)}`, ko: `더해짐: ${quoted(added)}` });
  for (const line of wanted) {
    const count = got.filter((l) => l === line).length;
    if (count > 1) problems.push({ en: `'${line}' came ${count} times`, ko: `'${line}' 줄이 ${count}번 옴` });
  }
  const kept = got.filter((line) => wanted.includes(line));
  const order = wanted.filter((line) => kept.includes(line));
  if (problems.length === 0 && kept.join('\n') !== order.join('\n'))
    problems.push({ en: 'the lines arrived in another order', ko: '줄의 순서가 바뀌어 도착함' });
  return problems;
}
