// basic.cmu-exe (driver.sh): one object's body through the proxy, as curl saves it.
import { bodyCheck } from '../support/cmu/curl-body.js';

export const cmuExeCheck = bodyCheck(
  'basic.cmu-exe',
  'cmu-exe',
  'the tiny executable comes through (body as curl saves it)',
  'tiny 실행 파일이 전달된다(curl이 저장하는 본문 기준)',
);
