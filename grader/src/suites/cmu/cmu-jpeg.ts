// basic.cmu-jpeg (driver.sh): one object's body through the proxy, as curl saves it.
import { bodyCheck } from '../support/cmu/curl-body.js';

export const cmuJpegCheck = bodyCheck(
  'basic.cmu-jpeg',
  'cmu-jpeg',
  'godzilla.jpg comes through (body as curl saves it)',
  'godzilla.jpg가 전달된다(curl이 저장하는 본문 기준)',
);
