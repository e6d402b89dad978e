// basic.cmu-source-2 (driver.sh): one object's body through the proxy, as curl saves it.
import { bodyCheck } from '../support/cmu/curl-body.js';

export const cmuSource2Check = bodyCheck(
  'basic.cmu-source-2',
  'cmu-source-2',
  'tiny.c comes through (body as curl saves it)',
  'tiny.c가 전달된다(curl이 저장하는 본문 기준)',
);
