import { connect, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { expectSameBytes } from './support/bytes.js';
import { fetchViaProxy } from './support/clients.js';
import { binaryBytes, okResponse, startOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

describe('large bodies', () => {
  it('relays an 8 MiB binary response byte for byte', async () => {
    const response = okResponse(binaryBytes(8 * 1024 * 1024 + 17, 3), 'application/octet-stream');
    const origin = await startOrigin((socket) => socket.end(response));
    const proxy = await startTestProxy();
    expectSameBytes(await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/big.bin`), response);
  });

  it('holds the origin back while the client reads nothing, then delivers every byte', async () => {
    // 64 MiB is several times what the kernel buffers on the path (client, proxy, origin) can hold,
    // so an origin that manages to write it all while the client reads nothing means the proxy buffered it.
    const response = okResponse(binaryBytes(64 * 1024 * 1024, 5), 'application/octet-stream');
    let requested!: (socket: Socket) => void;
    const originSocket = new Promise<Socket>((resolve) => {
      requested = resolve;
    });
    const origin = await startOrigin((socket) => {
      socket.end(response);
      requested(socket);
    });
    const proxy = await startTestProxy();
    const client = connect(proxy.port, '127.0.0.1');
    onTestFinished(() => {
      client.destroy();
    });
    client.pause();
    client.write(`GET http://127.0.0.1:${origin.port}/huge HTTP/1.0\r\n\r\n`);
    const socket = await originSocket;
    // A negative property needs some time: give a buffering proxy a second to swallow the whole response.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(socket.writableFinished).toBe(false);

    let offset = 0;
    let mismatchAt = -1;
    client.on('data', (chunk: Buffer) => {
      if (mismatchAt === -1 && !chunk.equals(response.subarray(offset, offset + chunk.length)))
        mismatchAt = offset;
      offset += chunk.length;
    });
    await new Promise((resolve) => {
      client.on('close', resolve);
      client.resume();
    });
    expect(mismatchAt).toBe(-1);
    expect(offset).toBe(response.length);
  });
});
