import { describe, expect, it } from 'vitest';
import { USER_AGENT } from '../src/http/forward-head.js';
import { fetchViaProxy, sendRaw } from './support/clients.js';
import { canListenOnIpv6Loopback, okResponse, startOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

const hasIpv6 = await canListenOnIpv6Loopback();
const FIXED_HEADERS = `User-Agent: ${USER_AGENT}\r\nConnection: close\r\nProxy-Connection: close\r\n`;

describe('the request the origin receives', () => {
  it('is an HTTP/1.0 GET of the path with the URI host, the fixed headers, and nothing after the blank line', async () => {
    const origin = await startOrigin((socket) => socket.end(okResponse('ok')));
    const proxy = await startTestProxy();
    await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/p?q=1&x=%41`);
    expect(await origin.transcripts[0]).toBe(
      `GET /p?q=1&x=%41 HTTP/1.0\r\nHost: 127.0.0.1:${origin.port}\r\n${FIXED_HEADERS}\r\n`,
    );
  });

  it("carries the client's Host and passes other headers through byte for byte, in order", async () => {
    const origin = await startOrigin((socket) => socket.end(okResponse('ok')));
    const proxy = await startTestProxy();
    await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/`, [
      'accept:*/*',
      'X-Odd-Spacing:   a  b   ',
      'HoSt: virtual.example:1234',
      'user-agent: curl/8.0',
      'Cookie: k=v; other=\xe9',
      'Connection: keep-alive',
      'Proxy-Connection: Keep-Alive',
      'x-last:',
    ]);
    expect(await origin.transcripts[0]).toBe(
      `GET / HTTP/1.0\r\nHost: virtual.example:1234\r\n${FIXED_HEADERS}` +
        'accept:*/*\r\nX-Odd-Spacing:   a  b   \r\nCookie: k=v; other=\xe9\r\nx-last:\r\n\r\n',
    );
  });

  it('has exactly one Host even when the client sent two', async () => {
    const origin = await startOrigin((socket) => socket.end(okResponse('ok')));
    const proxy = await startTestProxy();
    await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/`, ['Host: first', 'Host: second']);
    const transcript = await origin.transcripts[0];
    expect(transcript?.match(/^host:/gim)).toEqual(['Host:']);
    expect(transcript).toContain('\r\nHost: first\r\n');
  });

  it('asks for / when the URI has no path, and leaves :80 out of the Host it makes up', async () => {
    const origin = await startOrigin((socket) => socket.end(okResponse('ok')));
    const proxy = await startTestProxy();
    await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}`);
    expect(await origin.transcripts[0]).toMatch(/^GET \/ HTTP\/1\.0\r\n/);
  });

  it('drops a request body and pipelined bytes instead of forwarding them', async () => {
    const origin = await startOrigin((socket) => socket.end(okResponse('ok')));
    const proxy = await startTestProxy();
    const request = `GET http://127.0.0.1:${origin.port}/a HTTP/1.0\r\n\r\nGET http://127.0.0.1:${origin.port}/b HTTP/1.0\r\n\r\n`;
    const reply = await sendRaw(proxy.port, request);
    expect(reply.bytes).toEqual(okResponse('ok'));
    expect(await origin.transcripts[0]).toBe(
      `GET /a HTTP/1.0\r\nHost: 127.0.0.1:${origin.port}\r\n${FIXED_HEADERS}\r\n`,
    );
    expect(origin.transcripts).toHaveLength(1);
  });

  it.skipIf(!hasIpv6)('reaches an origin given by an IPv6 literal', async () => {
    const origin = await startOrigin((socket) => socket.end(okResponse('six')), '::1');
    const proxy = await startTestProxy();
    const reply = await fetchViaProxy(proxy.port, `http://[::1]:${origin.port}/v6`);
    expect(reply).toEqual(okResponse('six'));
    expect(await origin.transcripts[0]).toContain(`\r\nHost: [::1]:${origin.port}\r\n`);
  });
});
