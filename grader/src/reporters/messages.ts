import type { CrashInfo, Lang } from '../types.js';

/** Every label a report prints, in each language the grader speaks. */
export interface Messages {
  score: string;
  points: string;
  check: string;
  time: string;
  status: string;
  target: string;
  rubric: string;
  seed: string;
  notes: string;
  passed: string;
  failed: string;
  skipped: string;
  timedOut: string;
  crashed: string;
  detail: string;
  expected: string;
  received: string;
  hint: string;
  reproduce: string;
  crashes: string;
  failures: string;
  whatToFix: string;
  allPassed: string;
  lastOutput: string;
  buildFailed: string;
  targetNotStarted: string;
  checksToRun: (count: number) => string;
  crashDuring: (checkId: string) => string;
  diedBy: (crash: CrashInfo) => string;
}

const en: Messages = {
  score: 'Score',
  points: 'pts',
  check: 'Check',
  time: 'Time',
  status: 'Status',
  target: 'Target',
  rubric: 'Rubric',
  seed: 'Seed',
  notes: 'Notes',
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
  timedOut: 'timed out',
  crashed: 'proxy crashed',
  detail: 'Detail',
  expected: 'Expected',
  received: 'Received',
  hint: 'Hint',
  reproduce: 'Reproduce',
  crashes: 'Crashes',
  failures: 'Failed checks',
  whatToFix: 'What to fix',
  allPassed: 'Every check passed.',
  lastOutput: 'last output of the proxy',
  buildFailed: 'The build failed',
  targetNotStarted: 'The proxy never became ready, so every check failed.',
  checksToRun: (count) => `${count} checks`,
  crashDuring: (checkId) => `during ${checkId}`,
  diedBy: (crash) =>
    crash.signal ? `killed by ${crash.signal}` : `exited with code ${crash.exitCode ?? 'unknown'}`,
};

const ko: Messages = {
  score: '점수',
  points: '점',
  check: '검사',
  time: '시간',
  status: '상태',
  target: '대상',
  rubric: '채점 기준',
  seed: '시드',
  notes: '참고',
  passed: '통과',
  failed: '실패',
  skipped: '건너뜀',
  timedOut: '시간 초과',
  crashed: '프록시 비정상 종료',
  detail: '상세',
  expected: '기대한 값',
  received: '받은 값',
  hint: '힌트',
  reproduce: '재현',
  crashes: '비정상 종료',
  failures: '실패한 검사',
  whatToFix: '고칠 점',
  allPassed: '모든 검사를 통과했습니다.',
  lastOutput: '프록시의 마지막 출력',
  buildFailed: '빌드 실패',
  targetNotStarted: '프록시가 준비되지 않아 모든 검사가 실패했습니다.',
  checksToRun: (count) => `검사 ${count}개`,
  crashDuring: (checkId) => `${checkId} 도중`,
  diedBy: (crash) =>
    crash.signal ? `${crash.signal} 시그널로 종료됨` : `종료 코드 ${crash.exitCode ?? '알 수 없음'}로 종료됨`,
};

const table: Record<Lang, Messages> = { en, ko };

export function messagesFor(lang: Lang): Messages {
  return table[lang];
}
