import type { CheckResult, CrashInfo, Lang, RunReport, SuiteResult } from '../../../src/types.js';

// A realistic report for reporter tests: passed, failed, timed-out, crashed and skipped checks, Korean text, and
// a detail with characters XML 1.0 forbids (\u0001) and a CDATA terminator (]]>).

export const NASTY_DETAIL =
  'Received 1024 of 1048576 bytes: truncated at byte 1024 \u0001\u001b[31m ]]> <b>&amp;</b> "quoted" | `tick` — 응답이 잘렸습니다';

const crash: CrashInfo = {
  exitCode: null,
  signal: 'SIGPIPE',
  outputTail: ['proxy: write: Broken pipe', 'proxy: 연결 종료 \u0007'],
};

function check(over: Partial<CheckResult> & Pick<CheckResult, 'id' | 'title' | 'maxScore'>): CheckResult {
  const passed = over.passed ?? true;
  return { passed, score: passed ? over.maxScore : 0, durationMs: 12, timedOut: false, ...over };
}

function suite(id: SuiteResult['id'], title: string, checks: CheckResult[]): SuiteResult {
  const sum = (key: 'score' | 'maxScore') => checks.reduce((n, c) => n + c[key], 0);
  return { id, title, score: sum('score'), maxScore: sum('maxScore'), durationMs: 1234, checks };
}

export function buildFixtureReport(lang: Lang = 'en'): RunReport {
  const ko = lang === 'ko';
  const suites: SuiteResult[] = [
    suite('basic', ko ? '기본 요청' : 'Basic fetches', [
      check({ id: 'basic.html', title: ko ? 'HTML 페이지' : 'HTML page', maxScore: 3 }),
      check({
        id: 'basic.binary-large',
        title: ko ? '큰 바이너리 파일 (1 MiB)' : 'Large binary file (1 MiB)',
        maxScore: 4,
        passed: false,
        durationMs: 2048,
        detail: NASTY_DETAIL,
        expected: '00 01 02 03 ff fe',
        received: '(end of stream)',
        hint: ko
          ? '응답을 EOF까지 읽고 모두 전달하세요.'
          : 'Relay until EOF; never stop at the first short read.',
        reproduce: 'curl -sS -x 127.0.0.1:15213 http://127.0.0.1:8000/big.bin -o out.bin',
      }),
      check({ id: 'basic.host-header', title: ko ? 'Host 헤더' : 'Host header', maxScore: 3 }),
    ]),
    suite('concurrency', ko ? '동시성' : 'Concurrency', [
      check({ id: 'concurrency.hung-origin', title: ko ? '멈춘 서버' : 'Hung origin', maxScore: 4 }),
      check({
        id: 'concurrency.barrier',
        title: ko ? '동시 요청 K개' : 'K requests at once',
        maxScore: 4,
        passed: false,
        timedOut: true,
        durationMs: 10_000,
        detail: 'The check did not finish within its limit of 10000 ms.',
        hint: 'Serve each client in its own thread.',
      }),
    ]),
    suite('robustness', ko ? '견고성' : 'Robustness', [
      check({
        id: 'robustness.abort-mid-response',
        title: ko ? '응답 도중 끊는 클라이언트' : 'Clients that abort mid-response',
        maxScore: 5,
        passed: false,
        detail: 'The proxy process died during this check (killed by SIGPIPE).',
        hint: 'Ignore SIGPIPE.',
        crash,
      }),
      check({
        id: 'robustness.fd-leak',
        title: ko ? '파일 디스크립터 누수' : 'No descriptor leak',
        maxScore: 0,
        passed: false,
        durationMs: 0,
        skipped: ko ? '프록시 pid가 없습니다' : 'the proxy runs outside the grader',
      }),
    ]),
    suite('cache', ko ? '캐시' : 'Cache', [
      check({ id: 'cache.hit-text', title: ko ? '텍스트 캐시 적중' : 'Text hit', maxScore: 3 }),
      check({ id: 'cache.one-copy', title: ko ? '사본 하나' : 'One copy', maxScore: 2.5 }),
    ]),
  ];
  const score = suites.reduce((n, s) => n + s.score, 0);
  const maxScore = suites.reduce((n, s) => n + s.maxScore, 0);
  return {
    schemaVersion: 1,
    grader: { name: 'proxylab-grade', version: '0.1.0' },
    target: {
      kind: 'submission',
      description: ko
        ? 'submission ./앨리스 (make, ./proxy <port>)'
        : 'submission ./alice (make, ./proxy <port>)',
      notes: [ko ? 'fd 누수 검사는 건너뜁니다.' : 'The fd-leak check is skipped.'],
    },
    rubric: 'default',
    lang,
    seed: 'c0ffee',
    startedAt: '2026-03-01T09:00:00.000Z',
    score,
    maxScore,
    durationMs: 15_432,
    targetStarted: true,
    build: { ok: true, durationMs: 800, outputTail: ['gcc -O2 -o proxy proxy.c csapp.c'] },
    suites,
    crashes: [{ ...crash, checkId: 'robustness.abort-mid-response' }],
  };
}

/** Every check of a report with its suite id, in order. */
export function allChecks(report: RunReport): Array<CheckResult & { suiteId: string }> {
  return report.suites.flatMap((s) => s.checks.map((c) => ({ ...c, suiteId: s.id })));
}
