import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createHeadOnlyFilter } from './cgi-head.js';
import { MAX_LINE_BYTES, parseRequestLine, RequestHeadReader } from './request.js';

describe('RequestHeadReader', () => {
  test('finds the blank line across chunk boundaries and keeps only the request line', () => {
    const reader = new RequestHeadReader();
    const bytes = Buffer.from('GET /x HTTP/1.0\r\nHost: a\r\nX: y\r\n\r\nbody bytes');
    const results = [...bytes].map((byte) => reader.push(Buffer.from([byte])).kind);
    const completeAt = results.indexOf('complete');
    expect(completeAt).toBe(bytes.indexOf('\r\n\r\n') + 3);
    const again = new RequestHeadReader();
    expect(again.push(bytes)).toEqual({ kind: 'complete', requestLine: 'GET /x HTTP/1.0' });
  });

  test('accepts bare LF line ends', () => {
    expect(new RequestHeadReader().push(Buffer.from('GET / HTTP/1.0\nHost: a\n\n'))).toEqual({
      kind: 'complete',
      requestLine: 'GET / HTTP/1.0',
    });
  });

  test('stops at a line longer than the limit even before its newline arrives', () => {
    const reader = new RequestHeadReader();
    expect(reader.push(Buffer.alloc(MAX_LINE_BYTES, 0x61)).kind).toBe('incomplete');
    expect(reader.push(Buffer.from('a')).kind).toBe('too-large');
  });
});

describe('parseRequestLine', () => {
  test('splits method, URI and version', () => {
    expect(parseRequestLine('GET /a?b HTTP/1.1')).toEqual({
      ok: true,
      method: 'GET',
      uri: '/a?b',
      version: 'HTTP/1.1',
    });
  });

  test('refuses lines without three parts or with a bad version', () => {
    for (const line of ['', 'GET', 'GET /', 'GET / HTTP/1.0 x', 'GET / HTTP/1', 'GET / http/1.0']) {
      expect(parseRequestLine(line).ok, line).toBe(false);
    }
  });
});

describe('createHeadOnlyFilter', () => {
  test('passes the head through the blank line, then ends and drops the body', async () => {
    const filter = createHeadOnlyFilter();
    const out = new PassThrough();
    filter.pipe(out);
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => out.on('end', resolve));
    for (const part of ['Content-type: text/plain\r', '\n', '\r', '\nbody', ' more body']) filter.write(part);
    filter.end();
    await ended;
    expect(Buffer.concat(chunks).toString()).toBe('Content-type: text/plain\r\n\r\n');
  });
});
