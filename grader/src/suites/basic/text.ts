import { objectCheck } from '../support/basic/object-check.js';

export const textCheck = objectCheck({
  id: 'basic.text',
  object: 'text',
  title: { en: 'A C source file comes through unchanged', ko: 'C 소스 파일이 그대로 전달된다' },
  what: { en: 'the text file', ko: '텍스트 파일' },
});
