import type { Bilingual } from '../../../types.js';

/** One malformed request: what it is, in words, and its exact bytes (empty: connect, then close). */
export interface MalformedCase {
  name: Bilingual;
  /** A few words for the summary, e.g. 'port 99999'. */
  short: string;
  bytes: Buffer;
}

/** The requests a proxy must refuse without crashing or hanging; `origin` is a live origin's host:port. */
export function buildMalformedCases(origin: string): MalformedCase[] {
  const garbage = Buffer.concat([
    Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x7f, 0x80, 0xfe, 0x01]),
    Buffer.from(' \t%%%%s%n ???? \x01\x02', 'latin1'),
    Buffer.from('\r\n\r\n', 'latin1'),
  ]);
  const text = (s: string) => Buffer.from(s, 'latin1');
  return [
    {
      name: {
        en: 'garbage bytes (with NULs) ending in a blank line',
        ko: '빈 줄로 끝나는 쓰레기 바이트(NUL 포함)',
      },
      short: 'garbage',
      bytes: garbage,
    },
    {
      name: {
        en: 'a request line without http:// (origin form, no Host)',
        ko: 'http:// 없는 요청 줄(origin form, Host 없음)',
      },
      short: 'no http://',
      bytes: text('GET /home.html HTTP/1.0\r\n\r\n'),
    },
    {
      name: { en: 'a URI with port 99999', ko: '포트가 99999인 URI' },
      short: 'port 99999',
      bytes: text('GET http://127.0.0.1:99999/home.html HTTP/1.0\r\nHost: 127.0.0.1:99999\r\n\r\n'),
    },
    {
      name: { en: 'a URI with port "abc"', ko: '포트가 "abc"인 URI' },
      short: 'port abc',
      bytes: text('GET http://127.0.0.1:abc/home.html HTTP/1.0\r\nHost: 127.0.0.1:abc\r\n\r\n'),
    },
    {
      name: { en: 'a 9 KiB request line', ko: '9 KiB짜리 요청 줄' },
      short: '9 KiB line',
      bytes: text(`GET http://${origin}/${'a'.repeat(9 * 1024)} HTTP/1.0\r\nHost: ${origin}\r\n\r\n`),
    },
    {
      name: { en: 'an empty request (connect, then close)', ko: '빈 요청(접속한 뒤 바로 닫기)' },
      short: 'empty',
      bytes: Buffer.alloc(0),
    },
  ];
}
