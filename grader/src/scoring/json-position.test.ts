import { expect, test } from 'vitest';
import { locateJsonError } from './json-position.js';

test('valid JSON has no error position', () => {
  expect(locateJsonError('{"a": [1, -2.5e3, "x\\u00e9", true, null]}')).toBeUndefined();
});

test.each([
  ['{"a": }', 6, 1, 7],
  ['{"a": 1,}', 8, 1, 9],
  ['{\n  a: 1}', 4, 2, 3],
  ['[1 2]', 3, 1, 4],
  ['{"a": "x\n"}', 8, 1, 9],
  ['{"a": 1} x', 9, 1, 10],
  ['{"a": tru}', 9, 1, 10],
  ['', 0, 1, 1],
])('the first bad character of %j is located', (text, offset, line, column) => {
  expect(locateJsonError(text)).toEqual({ offset, line, column });
});
