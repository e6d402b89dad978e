import { objectCheck } from '../support/basic/object-check.js';

export const binaryHugeCheck = objectCheck({
  id: 'basic.binary-huge',
  object: 'basic-huge',
  title: {
    en: 'A binary of more than 8 MiB comes through unchanged',
    ko: '8 MiB가 넘는 바이너리가 그대로 전달된다',
  },
  what: { en: 'the 8.4 MB binary', ko: '8.4 MB 바이너리' },
  baseTimeoutMs: 10_000,
});
