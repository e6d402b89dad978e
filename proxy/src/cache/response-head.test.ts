import { describe, expect, it } from 'vitest';
import { findHeadEnd, findHeadEndInText, judgeResponseHead } from './response-head.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/**
 * The cacheability rule as first written, with regular expressions over the whole response: the
 * oracle the incremental parser must agree with on every input.
 */
function oracleIsCompleteOk(response: Buffer): boolean {
  const crlfEnd = response.indexOf('\r\n\r\n');
  const lfEnd = response.indexOf('\n\n');
  const headEnd =
    crlfEnd !== -1 && (lfEnd === -1 || crlfEnd < lfEnd) ? crlfEnd + 4 : lfEnd === -1 ? -1 : lfEnd + 2;
  if (headEnd === -1) return false;
  const head = response.toString('latin1', 0, headEnd);
  if (!/^HTTP\/1\.\d 200(?:[ \t][^\r\n]*)?\r?\n/.test(head)) return false;
  const lengths = [...head.matchAll(/^content-length[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?$/gim)].map((m) => m[1]);
  if (lengths.length === 0) return true;
  const bodyBytes = response.length - headEnd;
  return lengths.every((value) => value !== undefined && /^\d+$/.test(value) && Number(value) === bodyBytes);
}

function judgeWhole(response: Buffer): boolean {
  const end = findHeadEnd(response);
  if (end === -1) return false;
  const verdict = judgeResponseHead(response.toString('latin1', 0, end));
  return (
    verdict.cacheable && (verdict.bodyBytes === undefined || verdict.bodyBytes === response.length - end)
  );
}

/** A small xorshift generator, so a failure can be reproduced from its seed. */
function randomSource(seed: number): (below: number) => number {
  let state = seed >>> 0 || 1;
  return (below) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % below;
  };
}

const PIECES = [
  'HTTP/1.0 200 OK',
  'HTTP/1.1 200',
  'HTTP/1.1 2000 OK',
  'HTTP/1.0 404 Not Found',
  'HTTP/2 200',
  'HTTP/1.1 200\t',
  'HTTP/1.x 200 OK',
  'HTTP/1.0 201 Created',
  'HTTP/1.1 20',
  'HTTP/1.0 200 ',
  'Content-',
  'LENGTH:3',
  '\r\n',
  '\n',
  '\r',
  '\r\n\r\n',
  '\n\n',
  'Content-Length: 3',
  'content-length:3',
  'CONTENT-LENGTH :\t 3 \t',
  'Content-length: 03',
  'Content-Length: 4',
  'Content-Length: x',
  'Content-Length:',
  'Content-Lengthy: 3',
  'X-Content-Length: 9',
  'Server: nginx',
  ' ',
  '\t',
  'abc',
  '\xff\x00',
];

describe('judging a response head', () => {
  it('finds the first blank line, CRLF or bare LF, whichever starts first, in bytes and in text alike', () => {
    const cases: [string, number][] = [
      ['HTTP/1.0 200 OK\r\n\r\nbody\n\n', 19],
      ['HTTP/1.0 200 OK\n\nbody\r\n\r\n', 17],
      ['HTTP/1.0 200 OK\r\n\r\n\n', 19],
      ['HTTP/1.0 200 OK\r\n\nX', 18],
      ['HTTP/1.0 200 OK\r\nX: 1\r\n', -1],
    ];
    for (const [text, end] of cases) {
      expect(findHeadEnd(bytes(text)), JSON.stringify(text)).toBe(end);
      expect(findHeadEndInText(text), JSON.stringify(text)).toBe(end);
    }
  });

  it('needs one Content-Length value, however often and in whatever case it is given', () => {
    expect(judgeResponseHead('HTTP/1.0 200 OK\r\nContent-Length: 5\r\ncontent-length:05\r\n\r\n')).toEqual({
      cacheable: true,
      bodyBytes: 5,
    });
    expect(judgeResponseHead('HTTP/1.0 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n')).toEqual({
      cacheable: false,
    });
    expect(judgeResponseHead('HTTP/1.0 200 OK\r\nContent-Length: -5\r\n\r\n')).toEqual({ cacheable: false });
    expect(judgeResponseHead('HTTP/1.1 200 OK\r\nServer: x\r\n\r\n')).toEqual({
      cacheable: true,
      bodyBytes: undefined,
    });
    expect(judgeResponseHead('HTTP/1.1 304 Not Modified\r\n\r\n')).toEqual({ cacheable: false });
  });

  it('agrees with the regular-expression rule on thousands of generated responses', () => {
    const next = randomSource(20261122);
    let cacheable = 0;
    for (let round = 0; round < 20_000; round += 1) {
      // A head of random pieces, mostly after a 200 status line, a blank line, then 0–5 body bytes:
      // enough to hit every Content-Length verdict, the generator's lengths being 3 and 4.
      const count = next(10);
      let text = next(4) === 0 ? '' : `${PIECES[next(2)] ?? ''}\r\n`;
      for (let i = 0; i < count; i += 1) text += PIECES[next(PIECES.length)] ?? '';
      if (next(5) !== 0) text += next(2) === 0 ? '\r\n\r\n' : '\n\n';
      text += 'bodyb'.slice(0, next(6));
      const response = bytes(text);
      const expected = oracleIsCompleteOk(response);
      if (expected) cacheable += 1;
      expect(judgeWhole(response), JSON.stringify(text)).toBe(expected);
      expect(findHeadEndInText(text), JSON.stringify(text)).toBe(findHeadEnd(response));
    }
    // The generator must reach both answers often, or the comparison proves little.
    expect(cacheable).toBeGreaterThan(2_000);
    expect(cacheable).toBeLessThan(19_500);
  });
});
