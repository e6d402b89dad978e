import type { Lang } from '../../types.js';

/** Every word the class overview prints, in each language the grader speaks. */
export interface OverviewLabels {
  title: (count: number) => string;
  rubric: string;
  points: string;
  generated: string;
  submissions: string;
  mean: string;
  median: string;
  fullMarks: string;
  needLook: string;
  scores: string;
  passRate: string;
  ranNote: (ran: number, notRan: number) => string;
  check: string;
  suite: string;
  passed: string;
  told: string;
  whoFailed: string;
  students: (count: number) => string;
  studentsHeading: string;
  student: string;
  status: string;
  total: string;
  reports: string;
}

const en: OverviewLabels = {
  title: (count) => `Proxy Lab — class overview (${count} submissions)`,
  rubric: 'Rubric',
  points: 'points',
  generated: 'generated',
  submissions: 'submissions',
  mean: 'mean',
  median: 'median',
  fullMarks: 'full marks',
  needLook: 'need a look (grader error, wall budget)',
  scores: 'Scores',
  passRate: 'Pass rate per check — most failed first',
  ranNote: (ran, notRan) =>
    `Over the ${ran} submission(s) whose proxy ran; the ${notRan} that did not build or never listened fail every check for that one reason.`,
  check: 'Check',
  suite: 'Suite',
  passed: 'Passed',
  told: 'What failing students were told',
  whoFailed: 'Who failed it',
  students: (count) => `${count} student(s)`,
  studentsHeading: 'Students',
  student: 'Student',
  status: 'Status',
  total: 'Total',
  reports: 'Reports',
};

const ko: OverviewLabels = {
  title: (count) => `프록시 랩 — 반 전체 결과 (제출물 ${count}개)`,
  rubric: '채점 기준',
  points: '점',
  generated: '생성 시각',
  submissions: '제출물',
  mean: '평균',
  median: '중앙값',
  fullMarks: '만점',
  needLook: '확인 필요 (채점기 오류, 시간 초과)',
  scores: '점수 분포',
  passRate: '검사별 통과율 — 많이 실패한 순',
  ranNote: (ran, notRan) =>
    `프록시가 실행된 제출물 ${ran}개 기준입니다. 빌드되지 않았거나 포트를 열지 않은 ${notRan}개는 그 한 가지 이유로 모든 검사에 실패합니다.`,
  check: '검사',
  suite: '영역',
  passed: '통과',
  told: '실패한 학생이 받은 안내',
  whoFailed: '실패한 학생',
  students: (count) => `학생 ${count}명`,
  studentsHeading: '학생별 결과',
  student: '학생',
  status: '상태',
  total: '총점',
  reports: '보고서',
};

export function overviewLabelsFor(lang: Lang): OverviewLabels {
  return lang === 'ko' ? ko : en;
}
