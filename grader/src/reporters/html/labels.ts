import type { Lang } from '../../types.js';
import type { TimelineLabels } from './timeline-svg.js';

/** The HTML report's own words, in each language (the shared labels come from messages.ts). */
export interface HtmlLabels {
  title: string;
  suites: string;
  allChecks: string;
  rerun: string;
  rerunNote: string;
  timeline: string;
  timelineNote: string;
  buildOutput: string;
  timelineLabels: TimelineLabels;
}

const en: HtmlLabels = {
  title: 'proxylab report',
  suites: 'Suites',
  allChecks: 'Every check',
  rerun: 'Run this check again',
  rerunNote: 'same corpus (seed), this check only, on your machine:',
  timeline: 'What happened on the wire',
  timelineNote:
    'Each bar is one connection over time: the grader’s clients through your proxy, and your proxy’s connections to the grader’s origins. Overlapping bars mean requests were handled at the same time; a staircase means one after another.',
  buildOutput: 'Build output',
  timelineLabels: {
    client: 'client through the proxy',
    direct: 'grader straight to the origin',
    origin: 'proxy to the origin',
    firstByte: 'first response byte',
    stillOpen: 'still open when the check ended',
    omitted: (count) => `${count} more connection(s) not drawn`,
  },
};

const ko: HtmlLabels = {
  title: 'proxylab 채점 결과',
  suites: '영역별 점수',
  allChecks: '전체 검사',
  rerun: '이 검사만 다시 실행하기',
  rerunNote: '같은 코퍼스(시드)로 이 검사 하나만 내 컴퓨터에서 다시 돌립니다:',
  timeline: '연결 타임라인',
  timelineNote:
    '막대 하나가 연결 하나의 시작부터 끝까지입니다. 파란 막대는 채점기가 프록시를 거쳐 보낸 요청, 주황 막대는 프록시가 채점기의 원 서버에 맺은 연결입니다. 막대가 겹치면 요청을 동시에 처리한 것이고, 계단 모양이면 하나씩 차례로 처리한 것입니다.',
  buildOutput: '빌드 출력',
  timelineLabels: {
    client: '프록시를 거친 클라이언트 연결',
    direct: '채점기가 원 서버에 직접 맺은 연결',
    origin: '프록시가 원 서버에 맺은 연결',
    firstByte: '응답의 첫 바이트',
    stillOpen: '검사가 끝날 때까지 열려 있음',
    omitted: (count) => `그리지 않은 연결 ${count}개`,
  },
};

export function htmlLabelsFor(lang: Lang): HtmlLabels {
  return lang === 'ko' ? ko : en;
}
