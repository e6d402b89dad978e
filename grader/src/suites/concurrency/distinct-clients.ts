import { allowSignalListeners } from '../../harness/clients/listener-limit.js';
import { wrongBytesHint } from '../../harness/clients/verify-fetch.js';
import type { Bilingual, CheckDef, CheckOutcome, Lang } from '../../types.js';
import { type ClientOutcome, runDistinctRound } from '../support/concurrency/distinct-round.js';
import { concurrencyHints } from '../support/concurrency/hints.js';

const CLIENTS = 40;
const OBJECTS = 50;
/**
 * Several rounds: the shared-connfd race needs the accept loop to find the next connection already queued
 * before the new thread copied connfd; one round of 40 queued clients shows it most of the time, five rounds
 * all but always. A correct proxy passes every round; a round takes tens of milliseconds.
 */
const ROUNDS = 5;
const ROUND_LIMIT_MS = 5000;

export const distinctClientsCheck: CheckDef = {
  id: 'concurrency.distinct-clients',
  title: {
    en: `${CLIENTS} simultaneous clients each get their own object, exactly`,
    ko: `동시에 접속한 클라이언트 ${CLIENTS}개가 각자 자기 객체를 정확히 받는다`,
  },
  timeoutMs: 30_000,
  hint: concurrencyHints.sharedConnfd,
  async run(ctx) {
    allowSignalListeners(ctx.signal, CLIENTS);
    const allNames = Array.from({ length: OBJECTS }, (_, i) => `distinct-${String(i).padStart(2, '0')}`);
    const expectedByName = new Map<string, Buffer>();
    for (const name of allNames) {
      const url = ctx.harness.tiny.url(ctx.harness.object(name).path);
      expectedByName.set(name, (await ctx.harness.expected(url)).bytes);
    }
    const limitMs = ctx.timeoutMs(ROUND_LIMIT_MS);
    for (let round = 0; round < ROUNDS; round++) {
      // A different set and order of objects every round.
      const names = Array.from({ length: CLIENTS }, (_, i) => allNames[(i * 7 + round * 11) % OBJECTS]!);
      const outcomes = await runDistinctRound(ctx, names, expectedByName, limitMs);
      const failed = outcomes.filter((outcome) => outcome.kind !== 'ok');
      if (failed.length > 0) return describeFailedRound(round, failed, limitMs);
    }
    return {
      passed: true,
      detail: {
        en: `${ROUNDS} rounds of ${CLIENTS} clients connected at once: every client got exactly its own object.`,
        ko: `클라이언트 ${CLIENTS}개가 동시에 접속하는 라운드 ${ROUNDS}번: 모든 클라이언트가 정확히 자기 객체를 받았습니다.`,
      },
    };
  },
};

function describeFailedRound(round: number, failed: ClientOutcome[], limitMs: number): CheckOutcome {
  const list = (kind: ClientOutcome['kind']) => failed.filter((outcome) => outcome.kind === kind);
  const names = (outcomes: ClientOutcome[], lang: Lang = 'en') =>
    outcomes
      .slice(0, 6)
      .map((outcome) =>
        outcome.gotName
          ? lang === 'ko'
            ? `${outcome.name}: ${outcome.gotName}의 객체를 받음`
            : `${outcome.name} got ${outcome.gotName}`
          : outcome.name,
      )
      .join(', ') + (outcomes.length > 6 ? ', …' : '');
  const parts: Bilingual[] = [];
  const refused = list('refused');
  const nothing = list('nothing');
  const other = list('other-object');
  const neverClosed = list('never-closed');
  const wrong = list('wrong-bytes');
  if (refused.length) {
    parts.push({
      en: `${refused.length} could not connect (${names(refused)})`,
      ko: `${refused.length}개는 접속하지 못함(${names(refused)})`,
    });
  }
  if (nothing.length) {
    parts.push({
      en: `${nothing.length} got nothing within ${limitMs} ms (${names(nothing)})`,
      ko: `${nothing.length}개는 ${limitMs} ms 안에 아무것도 받지 못함(${names(nothing)})`,
    });
  }
  if (other.length) {
    parts.push({
      en: `${other.length} got another client's object (${names(other)})`,
      ko: `${other.length}개는 다른 클라이언트의 객체를 받음(${names(other, 'ko')})`,
    });
  }
  if (neverClosed.length) {
    parts.push({
      en: `${neverClosed.length} got their object but the connection was never closed (${names(neverClosed)})`,
      ko: `${neverClosed.length}개는 객체를 받았지만 연결이 끝내 닫히지 않음(${names(neverClosed)})`,
    });
  }
  const firstWrong = wrong[0];
  if (firstWrong?.summary) {
    const { name, summary } = firstWrong;
    parts.push({
      en: `${wrong.length} got wrong bytes (${name}: ${summary.en})`,
      ko: `${wrong.length}개는 틀린 바이트를 받음(${name}: ${summary.ko})`,
    });
  }
  const sharedState = nothing.length + other.length + neverClosed.length > 0;
  return {
    passed: false,
    detail: {
      en: `Round ${round + 1} of ${ROUNDS}, ${CLIENTS} clients connected at once: ${parts.map((p) => p.en).join('; ')}.`,
      ko: `라운드 ${round + 1}/${ROUNDS}, 클라이언트 ${CLIENTS}개 동시 접속: ${parts.map((p) => p.ko).join('; ')}.`,
    },
    expected: wrong[0]?.expectedExcerpt,
    received: wrong[0]?.receivedExcerpt,
    hint: sharedState ? concurrencyHints.sharedConnfd : wrongBytesHint,
  };
}
