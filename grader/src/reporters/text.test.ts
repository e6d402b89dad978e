import { expect, test } from 'vitest';
import { displayWidth, formatDuration, formatPoints, sanitizeText } from './text.js';

test('control characters and bidirectional overrides become visible escapes; newlines, tabs and Hangul stay', () => {
  expect(sanitizeText('a\u0000b\u001b[2Jc\u007fd\u009be\u202ef\n\tg 한글')).toBe(
    'a\\x00b\\x1b[2Jc\\x7fd\\x9be\\u202ef\n\tg 한글',
  );
});

test('Hangul and CJK take two terminal columns, ANSI styles none', () => {
  expect(displayWidth('abc')).toBe(3);
  expect(displayWidth('점수 1')).toBe(6);
  expect(displayWidth('\u001b[32m✓\u001b[39m')).toBe(1);
});

test('points and durations carry no float noise and a unit', () => {
  expect(formatPoints(0.1 + 0.2)).toBe('0.3');
  expect(formatPoints(40)).toBe('40');
  expect(formatDuration(999)).toBe('999 ms');
  expect(formatDuration(15_432)).toBe('15.4 s');
});
