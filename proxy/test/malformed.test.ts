import { describe, expect, it } from 'vitest';
import { fetchViaProxy, sendRaw, statusLineOf } from './support/clients.js';
import { okResponse, startFixedOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

type Expected = '400' | '501' | 'close';

const CORPUS: ReadonlyArray<{ name: string; request: string; halfClose?: boolean; expected: Expected }> = [
  { name: 'garbage bytes', request: '\x00\x01\xff\xfe garbage \x7f\r\n\r\n', expected: '400' },
  { name: 'an empty request (connect, then close)', request: '', halfClose: true, expected: 'close' },
  { name: 'an origin-form URI (no http://)', request: 'GET /home.html HTTP/1.0\r\n\r\n', expected: '400' },
  { name: 'another scheme', request: 'GET ftp://127.0.0.1/x HTTP/1.0\r\n\r\n', expected: '400' },
  { name: 'port 0', request: 'GET http://127.0.0.1:0/ HTTP/1.0\r\n\r\n', expected: '400' },
  { name: 'port 65536', request: 'GET http://127.0.0.1:65536/ HTTP/1.0\r\n\r\n', expected: '400' },
  { name: 'a non-numeric port', request: 'GET http://127.0.0.1:http/ HTTP/1.0\r\n\r\n', expected: '400' },
  {
    name: 'a 9 KiB request line',
    request: `GET http://127.0.0.1/${'a'.repeat(9216)} HTTP/1.0\r\n\r\n`,
    expected: '400',
  },
  {
    name: 'a 70 KiB head of short lines',
    request: `GET http://127.0.0.1/ HTTP/1.0\r\n${'X-Filler: 0123456789abcdef\r\n'.repeat(2600)}\r\n`,
    expected: '400',
  },
  {
    name: 'POST',
    request: 'POST http://127.0.0.1/ HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi',
    expected: '501',
  },
  {
    name: 'CONNECT',
    request: 'CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n',
    expected: '501',
  },
  { name: 'HEAD', request: 'HEAD http://127.0.0.1/ HTTP/1.0\r\n\r\n', expected: '501' },
  {
    name: 'a header line without a colon',
    request: 'GET http://127.0.0.1/ HTTP/1.0\r\nNoColonHere\r\n\r\n',
    expected: '400',
  },
  { name: 'HTTP/2.0', request: 'GET http://127.0.0.1/ HTTP/2.0\r\n\r\n', expected: '400' },
  { name: 'a request line of two words', request: 'GET http://127.0.0.1/\r\n\r\n', expected: '400' },
  {
    name: 'a request that ends before its blank line',
    request: 'GET http://127.0.0.1/ HTTP/1.0\r\nHost: 127.0.0.1\r\n',
    halfClose: true,
    expected: 'close',
  },
];

describe('malformed requests', () => {
  it.each(CORPUS)('$name gets $expected', async ({ request, halfClose, expected }) => {
    const proxy = await startTestProxy();
    const reply = await sendRaw(proxy.port, request, { halfClose });
    if (expected === 'close') {
      expect(reply.bytes.length).toBe(0);
      return;
    }
    const reason = expected === '400' ? 'Bad Request' : 'Not Implemented';
    expect(statusLineOf(reply.bytes)).toBe(`HTTP/1.0 ${expected} ${reason}`);
    const text = reply.bytes.toString('latin1');
    const [head = '', body = ''] = text.split('\r\n\r\n', 2);
    expect(head).toMatch(/\r\nConnection: close(\r\n|$)/);
    expect(head).toContain(`\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}`);
    expect(body).toContain(`${expected} ${reason}`);
  });

  it('leaves the proxy answering correctly after the whole corpus', async () => {
    const response = okResponse('still here');
    const origin = await startFixedOrigin(response);
    const proxy = await startTestProxy();
    for (const { request, halfClose } of CORPUS) await sendRaw(proxy.port, request, { halfClose });
    expect(await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/`)).toEqual(response);
  });

  it('disconnects a client that does not finish its head in time', async () => {
    const proxy = await startTestProxy({ clientHeadTimeoutMs: 200 });
    const reply = await sendRaw(proxy.port, 'GET http://127.0.0.1/ HTTP/1.0\r\nHost: slow');
    expect(reply.bytes.length).toBe(0);
  });
});
