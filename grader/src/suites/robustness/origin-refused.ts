// robustness.origin-refused: an origin that refuses the connection gets the client an error.
import { startRefusingOrigin } from '../../harness/origins/faulty-origins.js';
import { originFailureCheck } from '../support/robustness/origin-failure.js';

export const originRefusedCheck = originFailureCheck(
  'robustness.origin-refused',
  {
    en: 'An origin that refuses the connection gets the client an error, and the proxy carries on',
    ko: '서버가 연결을 거부하면 클라이언트는 오류를 받고, 프록시는 계속 동작한다',
  },
  [
    {
      what: { en: 'an origin that refuses connections', ko: '연결을 거부하는 서버' },
      start: startRefusingOrigin,
    },
  ],
);
