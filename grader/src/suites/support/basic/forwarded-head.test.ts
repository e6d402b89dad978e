import { describe, expect, it } from 'vitest';
import { parseForwardedHead } from './forwarded-head.js';

describe('parsing the head a proxy forwarded', () => {
  it('splits request line, header lines and the bytes after the blank line', () => {
    const head = parseForwardedHead(Buffer.from('GET /a HTTP/1.0\r\nHost: h:1\r\nX-A:  b \r\n\r\nextra'));
    expect(head).toMatchObject({
      complete: true,
      bareLf: false,
      requestLine: 'GET /a HTTP/1.0',
      headerLines: ['Host: h:1', 'X-A:  b '],
      headers: [
        ['Host', 'h:1'],
        ['X-A', 'b'],
      ],
    });
    expect(head.after.toString()).toBe('extra');
  });

  it('notices bare LF line endings and a head with no blank line', () => {
    expect(parseForwardedHead(Buffer.from('GET /a HTTP/1.0\nHost: h\n\n')).bareLf).toBe(true);
    expect(parseForwardedHead(Buffer.from('GET /a HTTP/1.0\r\nHost: h\r\n')).complete).toBe(false);
  });
});
