// basic.nothing-after-head: the forwarded request ends at its blank line, with no stray bytes after it.
import { excerpt } from '../../harness/compare.js';
import type { CheckDef } from '../../types.js';
import {
  describeMissingHead,
  failedForward as failed,
  recordForwarded,
  tokenFor,
} from '../support/basic/forwarded-head.js';

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
