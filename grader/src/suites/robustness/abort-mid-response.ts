import type { CheckDef } from '../../types.js';
import { type AbortOutcome, type AbortStyle, fetchAndAbort } from './abort-client.js';
import { robustnessHints } from './hints.js';
import { checkStillServes } from './still-serves.js';

const CLIENTS_PER_STYLE = 30;
const CLIENT_LIMIT_MS = 5000;

export const abortMidResponseCheck: CheckDef = {
  id: 'robustness.abort-mid-response',
  title: {
    en: `The proxy survives ${2 * CLIENTS_PER_STYLE} clients that go away in the middle of a large response`,
    ko: `큰 응답을 받는 도중 떠나는 클라이언트 ${2 * CLIENTS_PER_STYLE}개 뒤에도 프록시가 살아 있다`,
  },
  timeoutMs: 45_000,
  hint: robustnessHints.sigpipe,
  async run(ctx) {
    const huge = ctx.harness.object('huge');
    const url = ctx.harness.tiny.url(huge.path);
    const sizeMiB = (huge.bytes.length / 2 ** 20).toFixed(0);
    const styles: AbortStyle[] = [
      ...Array<AbortStyle>(CLIENTS_PER_STYLE).fill('close'),
      ...Array<AbortStyle>(CLIENTS_PER_STYLE).fill('reset'),
    ];
    // One client at a time: each abort is certain to meet a proxy that is still writing to it.
    const outcomes: AbortOutcome[] = [];
    for (const style of styles) {
      const limit = { timeoutMs: ctx.timeoutMs(CLIENT_LIMIT_MS), signal: ctx.signal };
      const outcome = await fetchAndAbort(ctx.proxy, url, style, limit);
      outcomes.push(outcome);
      if (outcome === 'refused') break;
    }
    const aborted = outcomes.filter((outcome) => outcome === 'aborted').length;
    const what = `clients aborted (${aborted} closed or reset their connection after the first bytes of a ${sizeMiB} MiB response)`;
    const refusedAt = outcomes.indexOf('refused');
    if (refusedAt >= 0) {
      return {
        passed: false,
        detail: `The proxy stopped answering after clients aborted: client ${refusedAt + 1} (after ${aborted} aborts) found nothing listening.`,
        hint: robustnessHints.sigpipe,
      };
    }
    const stillServes = await checkStillServes(ctx, what, robustnessHints.sigpipe);
    if (stillServes) return stillServes;
    const late = outcomes.length - aborted;
    return {
      passed: true,
      detail: `${what}${late > 0 ? ` (${late} more got no data in time)` : ''}; home was still served byte for byte.`,
    };
  },
};
