import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listenOnLoopback } from '../origins/origin-server.js';
import { openSlowClient } from './slow-client.js';

/** A raw server whose behaviour per connection the test decides. */
async function startRawServer(onConnection: (socket: net.Socket) => void) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  await listenOnLoopback(server);
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { host: '127.0.0.1', port: (server.address() as net.AddressInfo).port };
}

describe('the slow client', () => {
  it('writes its first bytes, holds, and reports a response head with its status', async () => {
    const seen: string[] = [];
    const endpoint = await startRawServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        seen.push(chunk.toString('latin1'));
        if (seen.join('').endsWith('\r\n\r\n')) socket.write('HTTP/1.0 501 Not Implemented\r\n\r\n');
      });
    });
    const client = openSlowClient(endpoint, 'GET http://h/');
    onTestFinished(() => client.destroy());
    expect(await client.connected).toBe(true);
    expect((await client.waitForReply({ timeoutMs: 100 })).kind).toBe('timeout');
    client.write(' HTTP/1.0\r\n\r\n');
    const state = await client.waitForReply({ timeoutMs: 5000 });
    expect(state).toMatchObject({ kind: 'head', statusCode: 501 });
    expect(seen.join('')).toBe('GET http://h/ HTTP/1.0\r\n\r\n');
  });

  it('sees the peer close after a half-close, and reports a refused connection as closed with its code', async () => {
    const endpoint = await startRawServer((socket) => {
      socket.resume();
      socket.on('end', () => socket.end());
    });
    const client = openSlowClient(endpoint, 'GET');
    onTestFinished(() => client.destroy());
    await client.connected;
    client.end();
    expect(await client.waitForClose({ timeoutMs: 5000 })).toMatchObject({ kind: 'closed' });

    const nobody = await startRawServer(() => {});
    const refused = openSlowClient({ host: nobody.host, port: 1 });
    onTestFinished(() => refused.destroy());
    expect(await refused.connected).toBe(false);
    expect(await refused.waitForReply({ timeoutMs: 5000 })).toMatchObject({
      kind: 'closed',
      errorCode: 'ECONNREFUSED',
    });
  });

  it('leaves only after reading what the peer still writes, so the peer never meets a reset', async () => {
    const head = 'HTTP/1.0 400 Bad Request\r\n\r\n';
    const rest = '<html>the rest of the error page</html>';
    let writeError: string | undefined;
    const endpoint = await startRawServer((socket) => {
      socket.on('error', (error: NodeJS.ErrnoException) => {
        writeError = error.code;
      });
      socket.resume();
      socket.write(head);
      // The rest is written only once the client has half-closed: a client that just vanished would miss it.
      socket.on('end', () => socket.end(rest));
    });
    const client = openSlowClient(endpoint, 'x');
    onTestFinished(() => client.destroy());
    expect(await client.waitForReply({ timeoutMs: 5000 })).toMatchObject({ kind: 'head', statusCode: 400 });
    await client.leave({ timeoutMs: 5000 });
    expect(client.socket.bytesRead).toBe(head.length + rest.length);
    expect(client.socket.destroyed).toBe(true);
    expect(writeError).toBeUndefined();
  });
});
