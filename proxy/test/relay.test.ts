import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { expectSameBytes } from './support/bytes.js';
import { fetchViaProxy, sendRaw } from './support/clients.js';
import { binaryBytes, okResponse, startFixedOrigin, startOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

describe('relaying the response', () => {
  it('passes a text response through byte for byte, status line and headers included', async () => {
    const response = okResponse('<html><body>Tiny</body></html>\n', 'text/html');
    const origin = await startFixedOrigin(response);
    const proxy = await startTestProxy();
    expect(await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/home.html`)).toEqual(response);
  });

  it('passes binary bodies with NUL bytes through unchanged', async () => {
    const response = okResponse(binaryBytes(300_000), 'image/jpeg');
    const origin = await startFixedOrigin(response);
    const proxy = await startTestProxy();
    expectSameBytes(await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/pic.jpg`), response);
  });

  it('relays whatever the origin says, even an odd status with no length, sent in pieces', async () => {
    const parts = ['HTTP/1.1 404 Not', ' Found\r\nX-Weird:  yes \r\n\r\n', 'body\0', 'more'];
    const origin = await startOrigin((socket) => {
      for (const part of parts) socket.write(part, 'latin1');
      socket.end();
    });
    const proxy = await startTestProxy();
    const reply = await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/missing`);
    expect(reply.toString('latin1')).toBe(parts.join(''));
  });

  it('still answers a client that half-closes right after its request', async () => {
    const response = okResponse('half-close is fine');
    const origin = await startFixedOrigin(response);
    const proxy = await startTestProxy();
    const reply = await sendRaw(proxy.port, `GET http://127.0.0.1:${origin.port}/ HTTP/1.0\r\n\r\n`, {
      halfClose: true,
    });
    expect(reply.bytes).toEqual(response);
  });

  it('closes the origin connection when the client disconnects mid-response', async () => {
    const endless = Buffer.alloc(64 * 1024, 0x78);
    let originClosed!: () => void;
    const originGone = new Promise<void>((resolve) => {
      originClosed = resolve;
    });
    const origin = await startOrigin((socket) => {
      socket.on('close', () => originClosed());
      const pump = (): void => {
        while (!socket.destroyed && socket.write(endless));
      };
      socket.on('drain', pump);
      socket.write('HTTP/1.0 200 OK\r\n\r\n');
      pump();
    });
    const proxy = await startTestProxy();
    const client = connect(proxy.port, '127.0.0.1', () => {
      client.write(`GET http://127.0.0.1:${origin.port}/endless HTTP/1.0\r\n\r\n`);
    });
    client.on('error', () => {});
    client.once('data', () => client.destroy());
    await originGone;
    expect(origin.sockets.size).toBe(0);
  });
});
