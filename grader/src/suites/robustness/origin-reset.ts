// robustness.origin-reset: an origin that resets the connection mid-response does not disturb the proxy.
import { startResettingOrigin } from '../../harness/origins/faulty-origins.js';
import { originFailureCheck } from '../support/robustness/origin-failure.js';

export const originResetCheck = originFailureCheck(
  'robustness.origin-reset',
  {
    en: 'An origin that resets the connection mid-response does not disturb the proxy',
    ko: '서버가 응답 도중 연결을 리셋해도 프록시가 흔들리지 않는다',
  },
  [
    {
      what: {
        en: 'an origin that resets the connection after half a response',
        ko: '응답을 절반 보낸 뒤 연결을 리셋하는 서버',
      },
      start: startResettingOrigin,
    },
  ],
);
