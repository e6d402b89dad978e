import { objectCheck } from '../support/basic/object-check.js';

export const binarySmallCheck = objectCheck({
  id: 'basic.binary-small',
  object: 'jpeg',
  title: {
    en: 'A small binary (JPEG, with NUL bytes) comes through unchanged',
    ko: '작은 바이너리(NUL 바이트가 있는 JPEG)가 그대로 전달된다',
  },
  what: { en: 'the JPEG', ko: 'JPEG' },
});
