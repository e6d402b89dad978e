import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { extractCurlBody, fetchLikeCurl } from './curl-fetch.js';

describe('fetching like curl', () => {
  it('keeps the body only, cut at Content-length', () => {
    const bytes = Buffer.from('HTTP/1.0 200 OK\r\nContent-length: 3\r\n\r\nabcGARBAGE');
    expect(extractCurlBody(bytes)).toEqual({ body: Buffer.from('abc'), contentLength: 3 });
    expect(extractCurlBody(Buffer.from('HTTP/1.0 200 OK\r\n\r\nall of it')).body?.toString()).toBe(
      'all of it',
    );
    expect(extractCurlBody(Buffer.from('no head')).body).toBeUndefined();
  });

  it('stops reading once Content-length bytes came, without waiting for the close', async () => {
    const server = net.createServer((socket) => {
      socket.once('data', () => socket.write('HTTP/1.0 200 OK\r\nContent-length: 5\r\n\r\nhello'));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as net.AddressInfo).port;
    const response = await fetchLikeCurl({ host: '127.0.0.1', port }, 'http://127.0.0.1:1/x', {
      timeoutMs: 10_000,
    });
    expect(response.timedOut).toBe(false);
    expect(extractCurlBody(response.bytes).body?.toString()).toBe('hello');
  });
});
