import { describe, expect, it } from 'vitest';
import { isCompleteOkResponse, ResponseCapture } from './response-capture.js';

const response = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('isCompleteOkResponse', () => {
  it('accepts a 200 whose body matches its Content-Length, and one without a length', () => {
    expect(isCompleteOkResponse(response('HTTP/1.0 200 OK\r\nContent-length: 5\r\n\r\nhello'))).toBe(true);
    expect(isCompleteOkResponse(response('HTTP/1.1 200 OK\r\nServer: x\r\n\r\nanything'))).toBe(true);
    expect(isCompleteOkResponse(response('HTTP/1.0 200\n\nbare newlines'))).toBe(true);
  });

  it('rejects other statuses, truncated bodies and responses without a complete head', () => {
    expect(isCompleteOkResponse(response('HTTP/1.0 404 Not Found\r\n\r\nnope'))).toBe(false);
    expect(isCompleteOkResponse(response('HTTP/1.0 2000 OK\r\n\r\n'))).toBe(false);
    expect(isCompleteOkResponse(response('HTTP/1.0 200 OK\r\nContent-Length: 10\r\n\r\nhello'))).toBe(false);
    expect(isCompleteOkResponse(response('HTTP/1.0 200 OK\r\nContent-Length: 5\r\n'))).toBe(false);
    expect(isCompleteOkResponse(response('garbage'))).toBe(false);
  });
});

describe('ResponseCapture', () => {
  it('returns the whole response when it stays within the object limit', () => {
    const capture = new ResponseCapture(100);
    capture.add(response('HTTP/1.0 200 OK\r\n'));
    capture.add(response('Content-Length: 2\r\n\r\nhi'));
    expect(capture.takeCacheable()?.toString('latin1')).toBe(
      'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi',
    );
  });

  it('keeps its own copy of every chunk, so the caller may reuse its buffer at once', () => {
    const whole = 'HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nabcdef';
    for (const withLength of [true, false]) {
      const text = withLength ? whole : whole.replace('Content-Length: 6\r\n', '');
      const reused = Buffer.alloc(8);
      const capture = new ResponseCapture(100);
      for (let at = 0; at < text.length; at += reused.length) {
        const written = reused.write(text.slice(at, at + reused.length), 'latin1');
        capture.add(reused.subarray(0, written));
        reused.fill('#');
      }
      expect(capture.takeCacheable()?.toString('latin1'), `length given: ${withLength}`).toBe(text);
    }
  });

  it('copies nothing of a response whose head rules caching out', () => {
    for (const head of [
      'HTTP/1.0 200 OK\r\nContent-Length: 200\r\n\r\n',
      'HTTP/1.0 404 Not Found\r\nContent-Length: 2\r\n\r\n',
    ]) {
      const capture = new ResponseCapture(100);
      capture.add(response(`${head}xx`));
      capture.add(response('more'));
      expect(capture.keptBytes, head).toBe(0);
      expect(capture.takeCacheable()).toBeUndefined();
    }
  });

  it('finds a blank line split across chunks, and checks the length against all of the body', () => {
    const whole = 'HTTP/1.0 200 OK\r\nContent-Length: 6\r\n\r\nabcdef';
    for (let cut = 1; cut < whole.length; cut += 1) {
      for (const second of [cut, cut + 1, cut + 3]) {
        const capture = new ResponseCapture(100);
        for (const piece of [whole.slice(0, cut), whole.slice(cut, second), whole.slice(second)])
          if (piece !== '') capture.add(response(piece));
        expect(capture.takeCacheable()?.toString('latin1'), `cut at ${cut} and ${second}`).toBe(whole);
      }
    }
  });

  it('finds the end of a head longer than the part it decodes to search, wherever the blank line falls', () => {
    for (let padding = 4070; padding < 4110; padding += 1) {
      const whole = `HTTP/1.0 200 OK\r\nX-Pad: ${'p'.repeat(padding)}\r\nContent-Length: 2\r\n\r\nhi`;
      const capture = new ResponseCapture(10_000);
      capture.add(response(whole));
      expect(capture.takeCacheable()?.toString('latin1'), `padding ${padding}`).toBe(whole);
      const truncated = new ResponseCapture(10_000);
      truncated.add(response(whole.slice(0, -1)));
      expect(truncated.takeCacheable(), `padding ${padding}, one byte short`).toBeUndefined();
    }
  });

  it('refuses a body longer or shorter than its Content-Length, and a head that never ends', () => {
    for (const text of [
      'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nab',
      'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabcd',
      'HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r',
    ]) {
      const capture = new ResponseCapture(100);
      for (const char of text) capture.add(response(char));
      expect(capture.takeCacheable(), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('counts the status line and headers toward the limit and gives up once over it', () => {
    const full = response('HTTP/1.0 200 OK\r\n\r\n0123456789');
    const capture = new ResponseCapture(full.length - 1);
    capture.add(full.subarray(0, 10));
    capture.add(full.subarray(10));
    expect(capture.takeCacheable()).toBeUndefined();
  });
});
