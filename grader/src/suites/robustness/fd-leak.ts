import { freshUrl } from '../../harness/corpus/fresh-url.js';
import { countOpenFds, readSettledFdCount, waitForFdCount } from '../../harness/fd-count.js';
import { verifyFetch } from '../../harness/clients/verify-fetch.js';
import type { Bilingual, CheckDef, Lang } from '../../types.js';
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
      return {
        passed: false,
        skipped: {
          en: 'the proxy’s process id is not known to the grader',
          ko: '채점기가 프록시의 프로세스 id를 모릅니다',
        },
      };
    if ((await countOpenFds(pid)) === undefined) {
      const skipped = {
        en: `/proc/${pid}/fd cannot be read on this system`,
        ko: `이 시스템에서는 /proc/${pid}/fd를 읽을 수 없습니다`,
      };
      return { passed: false, skipped };
    }
    const home = freshUrl(ctx.harness, 'home');
    const warmUp = await verifyFetch(ctx, home, { timeoutMs: ctx.timeoutMs(5000) });
    if (!warmUp.ok) {
      return {
        passed: false,
        detail: {
          en: `The warm-up fetch of home failed: ${warmUp.account.en}.`,
          ko: `준비 단계의 홈 페이지 요청이 실패했습니다: ${warmUp.account.ko}.`,
        },
        reproduce: warmUp.reproduce,
      };
    }
    const baseline = await readSettledFdCount(pid, { timeoutMs: ctx.timeoutMs(300), signal: ctx.signal });
    if (baseline === undefined) {
      const detail = {
        en: 'The proxy process went away after the warm-up fetch.',
        ko: '준비 단계의 요청 뒤 프록시 프로세스가 사라졌습니다.',
      };
      return { passed: false, detail };
    }
    const leaks: Bilingual[] = [];
    const notes: Bilingual[] = [];
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
        notes.push({
          en: `${phase.what.en}: one did not finish, the other ${phase.count - ran} were skipped`,
          ko: `${phase.what.ko}: 하나가 끝나지 않아 나머지 ${phase.count - ran}개는 건너뜀`,
        });
      const after = await waitForFdCount(pid, before + SLACK_FDS, {
        timeoutMs: ctx.timeoutMs(PHASE_SETTLE_MS),
        signal: ctx.signal,
      });
      if (after.count === undefined) {
        const detail = {
          en: `The proxy process went away during ${ran} ${phase.what.en}.`,
          ko: `${phase.what.ko} ${ran}개를 처리하는 동안 프록시 프로세스가 사라졌습니다.`,
        };
        return { passed: false, detail };
      }
      if (!after.settled) {
        leaks.push({
          en: `${after.count - before} more after ${ran} ${phase.what.en}`,
          ko: `${phase.what.ko} ${ran}개 뒤 ${after.count - before}개 늘어남`,
        });
      }
      before = Math.max(before, after.count);
    }
    const settleMs = ctx.timeoutMs(SETTLE_MS);
    const final = await waitForFdCount(pid, baseline + SLACK_FDS, {
      timeoutMs: settleMs,
      signal: ctx.signal,
    });
    const noted = (lang: Lang) => (notes.length > 0 ? ` (${notes.map((n) => n[lang]).join('; ')})` : '');
    if (final.settled) {
      return {
        passed: true,
        detail: {
          en: `${baseline} descriptors after the warm-up fetch, ${final.count} after ${total} exchanges${noted('en')}.`,
          ko: `열린 디스크립터가 준비 요청 뒤 ${baseline}개, 요청 ${total}번 뒤 ${final.count}개${noted('ko')}.`,
        },
      };
    }
    const count = final.count ?? '?';
    const leaked = (lang: Lang) => leaks.map((leak) => leak[lang]).join('; ');
    return {
      passed: false,
      detail: {
        en: `The proxy held ${baseline} descriptors after a warm-up fetch and ${count} after ${total} more exchanges (waited ${settleMs} ms for them to close; allowed ${SLACK_FDS} extra): ${leaked('en') || 'a slow leak across all kinds'}${noted('en')}.`,
        ko: `프록시가 준비 요청 뒤 디스크립터 ${baseline}개, 요청 ${total}번을 더 한 뒤 ${count}개를 열고 있었습니다(닫히기를 ${settleMs} ms 기다렸고, ${SLACK_FDS}개까지는 허용): ${leaked('ko') || '모든 종류에 걸쳐 조금씩 샘'}${noted('ko')}.`,
      },
      expected: {
        en: `at most ${baseline + SLACK_FDS} open descriptors`,
        ko: `열린 디스크립터 최대 ${baseline + SLACK_FDS}개`,
      },
      received: { en: `${final.count} open descriptors`, ko: `열린 디스크립터 ${final.count}개` },
      hint: robustnessHints.fdLeak,
    };
  },
};
