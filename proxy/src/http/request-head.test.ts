import { describe, expect, it } from 'vitest';
import { parseAbsoluteUri, parseRequestHead } from './request-head.js';

const parse = (...lines: string[]) => parseRequestHead(lines);
const codeOf = (lines: string[]): string | undefined => {
  try {
    parseRequestHead(lines);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('parseAbsoluteUri', () => {
  it('splits host, port and path, keeping the path and query byte for byte', () => {
    expect(parseAbsoluteUri('http://Example.COM:8080/a%20b?q=1&x=%41')).toEqual({
      host: 'Example.COM',
      port: 8080,
      path: '/a%20b?q=1&x=%41',
      hostHeader: 'Example.COM:8080',
      uriKey: 'http://example.com:8080/a%20b?q=1&x=%41',
    });
  });

  it('defaults the path to / and the port to 80, leaving :80 out of the Host value', () => {
    expect(parseAbsoluteUri('http://a.b')).toMatchObject({ path: '/', port: 80, hostHeader: 'a.b' });
    expect(parseAbsoluteUri('HTTP://a.b:80?x')).toMatchObject({
      path: '/?x',
      hostHeader: 'a.b',
      uriKey: 'http://a.b:80/?x',
    });
  });

  it('accepts IPv6 literals in brackets', () => {
    expect(parseAbsoluteUri('http://[::1]:8000/x')).toMatchObject({
      host: '::1',
      port: 8000,
      hostHeader: '[::1]:8000',
    });
  });

  it('rejects other schemes, bad hosts and bad ports', () => {
    const codeFor = (uri: string) => codeOf([`GET ${uri} HTTP/1.0`]);
    expect(codeFor('/relative')).toBe('PROXY_ERR_BAD_URI');
    expect(codeFor('https://a/')).toBe('PROXY_ERR_BAD_URI');
    expect(codeFor('http:///x')).toBe('PROXY_ERR_BAD_URI');
    expect(codeFor('http://user@a/')).toBe('PROXY_ERR_BAD_URI');
    expect(codeFor('http://[zz]/')).toBe('PROXY_ERR_BAD_URI');
    for (const port of ['0', '65536', '99999999', 'http', '-1']) {
      expect(codeFor(`http://a:${port}/`)).toBe('PROXY_ERR_BAD_PORT');
    }
  });
});

describe('parseRequestHead', () => {
  it('keeps header lines as received, with trimmed values for lookups', () => {
    const head = parse('GET http://a/ HTTP/1.1', 'X-Odd:   spaced  ', 'host:b');
    expect(head.headers).toEqual([
      { name: 'X-Odd', value: 'spaced', raw: 'X-Odd:   spaced  ' },
      { name: 'host', value: 'b', raw: 'host:b' },
    ]);
  });

  it('trims only spaces and tabs around a value, keeping other whitespace bytes', () => {
    const head = parse('GET http://a/ HTTP/1.1', 'X-Ws:\t \xa0v\x0b \t', 'X-Empty: \t ');
    expect(head.headers.map((header) => header.value)).toEqual(['\xa0v\x0b', '']);
  });

  it('answers 501 for methods other than GET, checked before anything else', () => {
    expect(codeOf(['POST http://a/ HTTP/1.0'])).toBe('PROXY_ERR_METHOD_NOT_IMPLEMENTED');
    expect(codeOf(['CONNECT a:443 HTTP/1.1'])).toBe('PROXY_ERR_METHOD_NOT_IMPLEMENTED');
    expect(codeOf(['get http://a/ HTTP/1.0'])).toBe('PROXY_ERR_METHOD_NOT_IMPLEMENTED');
  });

  it('rejects malformed request lines, versions and header lines', () => {
    expect(codeOf(['GET http://a/'])).toBe('PROXY_ERR_BAD_REQUEST_LINE');
    expect(codeOf(['GET http://a/ HTTP/1.0 extra'])).toBe('PROXY_ERR_BAD_REQUEST_LINE');
    expect(codeOf(['GET http://a/ HTTP/2.0'])).toBe('PROXY_ERR_BAD_VERSION');
    expect(codeOf(['GET http://a/ FTP/1.0'])).toBe('PROXY_ERR_BAD_VERSION');
    expect(codeOf(['GET http://a/ HTTP/1.0', 'no colon here'])).toBe('PROXY_ERR_BAD_HEADER');
    expect(codeOf(['GET http://a/ HTTP/1.0', ': empty name'])).toBe('PROXY_ERR_BAD_HEADER');
    expect(codeOf(['GET http://a/ HTTP/1.0', 'Host : spaced'])).toBe('PROXY_ERR_BAD_HEADER');
    expect(codeOf(['GET http://a/ HTTP/1.0', 'X: 1', ' folded: continuation'])).toBe('PROXY_ERR_BAD_HEADER');
  });
});
