import { describe, expect, it } from 'vitest';
import { buildForwardHead, USER_AGENT } from './forward-head.js';
import { parseRequestHead } from './request-head.js';

const forward = (...lines: string[]): string => buildForwardHead(parseRequestHead(lines));

describe('buildForwardHead', () => {
  it('sends HTTP/1.0, the URI host, the fixed headers and nothing else when the client sent no headers', () => {
    expect(forward('GET http://a.b:8080/p?q HTTP/1.1')).toBe(
      `GET /p?q HTTP/1.0\r\nHost: a.b:8080\r\nUser-Agent: ${USER_AGENT}\r\nConnection: close\r\nProxy-Connection: close\r\n\r\n`,
    );
  });

  it("replaces the client's own Host, User-Agent and connection headers and keeps the rest in order", () => {
    const head = forward(
      'GET http://a/ HTTP/1.0',
      'accept:*/*',
      'HOST: client.example',
      'user-agent: curl',
      'X-Two:  2 ',
      'connection: keep-alive',
      'Proxy-Connection: keep-alive',
      'Host: second',
    );
    expect(head).toBe(
      `GET / HTTP/1.0\r\nHost: client.example\r\nUser-Agent: ${USER_AGENT}\r\nConnection: close\r\n` +
        'Proxy-Connection: close\r\naccept:*/*\r\nX-Two:  2 \r\n\r\n',
    );
  });

  it('falls back to the URI host when the client sent an empty Host', () => {
    expect(forward('GET http://a:81/ HTTP/1.0', 'Host:')).toContain('\r\nHost: a:81\r\n');
  });
});
