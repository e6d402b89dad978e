// robustness.origin-early-close: an origin that closes before its response is complete does not disturb the proxy.
import { startEarlyCloseOrigin } from '../../harness/origins/faulty-origins.js';
import { originFailureCheck } from '../support/robustness/origin-failure.js';

export const originEarlyCloseCheck = originFailureCheck(
  'robustness.origin-early-close',
  {
    en: 'An origin that closes before its response is complete does not disturb the proxy',
    ko: '서버가 응답을 다 보내기 전에 연결을 닫아도 프록시가 흔들리지 않는다',
  },
  [
    {
      what: {
        en: 'an origin that closes in the middle of its response head',
        ko: '응답 헤더 도중에 연결을 닫는 서버',
      },
      start: () => startEarlyCloseOrigin('partial-head'),
    },
    {
      what: {
        en: 'an origin that closes after half the body its Content-length promised',
        ko: 'Content-length로 약속한 본문의 절반만 보내고 연결을 닫는 서버',
      },
      start: () => startEarlyCloseOrigin('half-body'),
    },
  ],
);
