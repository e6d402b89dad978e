import { objectCheck } from '../support/basic/object-check.js';

export const binaryLargeCheck = objectCheck({
  id: 'basic.binary-large',
  object: 'basic-large',
  title: {
    en: 'A binary of more than 1 MiB comes through unchanged',
    ko: '1 MiB가 넘는 바이너리가 그대로 전달된다',
  },
  what: { en: 'the 1.3 MB binary', ko: '1.3 MB 바이너리' },
});
