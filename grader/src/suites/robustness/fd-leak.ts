import { freshUrl } from '../../harness/corpus/fresh-url.js';
import { countOpenFds, readSettledFdCount, waitForFdCount } from '../../harness/fd-count.js';
import { verifyFetch } from '../../harness/clients/verify-fetch.js';
import type { CheckDef } from '../../types.js';
import { buildFdPhases } from '../support/robustness/fd-phases.js';
import { robustnessHints } from '../support/robustness/hints.js';

const SLACK_FDS = 3;
const SETTLE_MS = 2000;
const PHASE_SETTLE_MS = 500;

export const fdLeakCheck: CheckDef = {
  id: 'robustness.fd-leak',
  title: {
    en: 'No file descriptors leak over 100 exchanges (normal, aborted, refused, unfinished)',
    ko: '요청 100번(정상, 중단, 연결 거부, 미완료) 뒤에도 파일 디스크립터가 새지 않는다',
  },
  timeoutMs: 45_000,
  hint: robustnessHints.fdLeak,
  needsPid: true,
  async run(ctx) {
    const pid = ctx.proxyPid;
    if (pid === undefined)
      return { passed: false, skipped: 'the proxy’s process id is not known to the grader' };
    if ((await countOpenFds(pid)) === undefined) {
      return { passed: false, skipped: `/proc/${pid}/fd cannot be read on this system` };
    }
    const home = freshUrl(ctx.harness, 'home');
    const warmUp = await verifyFetch(ctx, home, { timeoutMs: ctx.timeoutMs(5000) });
    if (!warmUp.ok) {
      return {
        passed: false,
        detail: `The warm-up fetch of home failed: ${warmUp.summary}.`,
        reproduce: warmUp.reproduce,
      };
    }
    const baseline = await readSettledFdCount(pid, { timeoutMs: ctx.timeoutMs(300), signal: ctx.signal });
    if (baseline === undefined) {
      return { passed: false, detail: 'The proxy process went away after the warm-up fetch.' };
    }
    const leaks: string[] = [];
    const notes: string[] = [];
    let total = 0;
    let before = baseline;
    for (const phase of await buildFdPhases(ctx)) {
      // One exchange at a time: the count measures descriptors left behind, never a race between clients.
      // An exchange that hangs is another check's business; the rest of its kind is skipped to save time.
      let ran = 0;
      let hung = false;
      while (ran < phase.count && !hung) hung = !(await phase.runOne(ran++));
      total += ran;
      if (hung && ran < phase.count)
        notes.push(`${phase.what}: one did not finish, the other ${phase.count - ran} were skipped`);
      const after = await waitForFdCount(pid, before + SLACK_FDS, {
        timeoutMs: ctx.timeoutMs(PHASE_SETTLE_MS),
        signal: ctx.signal,
      });
      if (after.count === undefined) {
        return { passed: false, detail: `The proxy process went away during ${ran} ${phase.what}.` };
      }
      if (!after.settled) leaks.push(`${after.count - before} more after ${ran} ${phase.what}`);
      before = Math.max(before, after.count);
    }
    const settleMs = ctx.timeoutMs(SETTLE_MS);
    const final = await waitForFdCount(pid, baseline + SLACK_FDS, {
      timeoutMs: settleMs,
      signal: ctx.signal,
    });
    const noted = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    if (final.settled) {
      return {
        passed: true,
        detail: `${baseline} descriptors after the warm-up fetch, ${final.count} after ${total} exchanges${noted}.`,
      };
    }
    return {
      passed: false,
      detail: `The proxy held ${baseline} descriptors after a warm-up fetch and ${final.count ?? '?'} after ${total} more exchanges (waited ${settleMs} ms for them to close; allowed ${SLACK_FDS} extra): ${leaks.join('; ') || 'a slow leak across all kinds'}${noted}.`,
      expected: `at most ${baseline + SLACK_FDS} open descriptors`,
      received: `${final.count} open descriptors`,
      hint: robustnessHints.fdLeak,
    };
  },
};
