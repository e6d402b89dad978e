import { describe, expect, it } from 'vitest';
import { HeadTooLargeError, LineTooLongError } from '../errors.js';
import { HeadReader } from './head-reader.js';

const chunk = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('HeadReader', () => {
  it('returns the lines of a head and whatever followed the blank line', () => {
    const reader = new HeadReader();
    const result = reader.push(chunk('GET http://a/ HTTP/1.0\r\nX: 1\r\n\r\nextra'));
    expect(result).toEqual({ done: true, lines: ['GET http://a/ HTTP/1.0', 'X: 1'], rest: chunk('extra') });
  });

  it('assembles a head sent one byte at a time, with bare LF line ends too', () => {
    const reader = new HeadReader();
    const text = 'GET http://a/ HTTP/1.0\nX:\xff\r\n\n';
    const results = [...text].map((char) => reader.push(chunk(char)));
    expect(results.slice(0, -1).every((result) => !result.done)).toBe(true);
    expect(results.at(-1)).toMatchObject({ done: true, lines: ['GET http://a/ HTTP/1.0', 'X:\xff'] });
  });

  it('gives the same lines and rest however the head is split into two chunks', () => {
    const text = '\r\nGET http://a/ HTTP/1.0\r\nX: 1\nY:\r\n\r\nbody';
    for (let cut = 0; cut <= text.length; cut += 1) {
      const reader = new HeadReader();
      const first = reader.push(chunk(text.slice(0, cut)));
      const result = first.done ? first : reader.push(chunk(text.slice(cut)));
      expect(result, `cut at ${cut}`).toEqual({
        done: true,
        lines: ['GET http://a/ HTTP/1.0', 'X: 1', 'Y:'],
        rest: chunk(cut >= text.length - 4 ? text.slice(text.length - 4, cut) : 'body'),
      });
    }
  });

  it('skips empty lines before the request line', () => {
    const reader = new HeadReader();
    expect(reader.push(chunk('\r\n\r\nGET http://a/ HTTP/1.0\r\n\r\n'))).toMatchObject({
      lines: ['GET http://a/ HTTP/1.0'],
    });
  });

  it('accepts a line of exactly the limit and rejects one byte more, even before its end arrives', () => {
    expect(new HeadReader(10, 100).push(chunk(`${'a'.repeat(10)}\r\n\r\n`)).done).toBe(true);
    expect(() => new HeadReader(10, 100).push(chunk(`${'a'.repeat(11)}\r\n\r\n`))).toThrow(LineTooLongError);
    expect(() => new HeadReader(10, 100).push(chunk('a'.repeat(12)))).toThrow(LineTooLongError);
  });

  it('rejects a head larger than the head limit', () => {
    const reader = new HeadReader(10, 30);
    expect(() => {
      for (let i = 0; i < 10; i += 1) reader.push(chunk('X: 1234\r\n'));
    }).toThrow(HeadTooLargeError);
  });

  it('knows whether any byte arrived, and remembers the start of a rejected request line', () => {
    const reader = new HeadReader(10, 100);
    expect(reader.receivedAny).toBe(false);
    expect(() => reader.push(chunk('GET http://too-long/\r\n'))).toThrow(LineTooLongError);
    expect(reader.receivedAny).toBe(true);
    expect(reader.firstLine).toBe('GET http://too-long/');
  });
});
