import { objectCheck } from '../support/basic/object-check.js';

export const htmlCheck = objectCheck({
  id: 'basic.html',
  object: 'basic-html',
  title: { en: 'An html page comes through unchanged', ko: 'html 페이지가 그대로 전달된다' },
  what: { en: 'the html page', ko: 'html 페이지' },
});
