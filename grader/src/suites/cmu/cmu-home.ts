// basic.cmu-home (driver.sh): one object's body through the proxy, as curl saves it.
import { bodyCheck } from '../support/cmu/curl-body.js';

export const cmuHomeCheck = bodyCheck(
  'basic.cmu-home',
  'cmu-home',
  'home.html comes through (body as curl saves it)',
  'home.html이 전달된다(curl이 저장하는 본문 기준)',
);
