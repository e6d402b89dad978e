// basic.cmu-source-1 (driver.sh): one object's body through the proxy, as curl saves it.
import { bodyCheck } from '../support/cmu/curl-body.js';

export const cmuSource1Check = bodyCheck(
  'basic.cmu-source-1',
  'cmu-source-1',
  'csapp.c comes through (body as curl saves it)',
  'csapp.c가 전달된다(curl이 저장하는 본문 기준)',
);
