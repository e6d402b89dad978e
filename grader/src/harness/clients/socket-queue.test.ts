import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { listenOnLoopback } from '../origins/origin-server.js';
import { readSocketQueues, waitUntilProxyRead } from './socket-queue.js';

describe.runIf(process.platform === 'linux')('socket queues from /proc/net/tcp', () => {
  it('tell bytes a server has not read yet from bytes it has', async () => {
    let accepted: net.Socket | undefined;
    const server = net.createServer({ pauseOnConnect: true }, (socket) => {
      accepted = socket;
    });
    await listenOnLoopback(server);
    onTestFinished(() => {
      accepted?.destroy();
      server.close();
    });
    const { port } = server.address() as net.AddressInfo;
    const client = net.connect({ host: '127.0.0.1', port });
    onTestFinished(() => client.destroy());
    await new Promise((resolve) => client.once('connect', resolve));
    await new Promise((resolve) => client.write('GET http://half', resolve));
    const clientPort = client.localPort!;
    expect(await waitUntilProxyRead(port, clientPort, { timeoutMs: 100 })).toBe('timeout');
    expect((await readSocketQueues(port, clientPort))?.rx).toBe('GET http://half'.length);
    while (!accepted) await new Promise((resolve) => setImmediate(resolve));
    accepted.resume();
    expect(await waitUntilProxyRead(port, clientPort, { timeoutMs: 5000 })).toBe('read');
  });

  it('cannot tell anything about a connection that does not exist', async () => {
    expect(await readSocketQueues(1, 2)).toBeUndefined();
    expect(await waitUntilProxyRead(1, 2, { timeoutMs: 100 })).toBe('unknown');
  });
});
