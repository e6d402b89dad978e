import { once } from 'node:events';
import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startGroup } from '../process/start-group.js';
import { proxyConnections, socketCount, waitUntilQuiet } from './proxy-activity.js';

// A child that listens (the "proxy"), and on its first client opens a connection to ORIGIN_PORT and holds both.
const CHILD = `
const net = require('node:net');
const server = net.createServer((client) => {
  const origin = net.connect(Number(process.env.ORIGIN_PORT), '127.0.0.1');
  origin.on('connect', () => process.stdout.write('holding\\n'));
  client.on('error', () => {});
  origin.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/** Starts the child; its stdout is read line by line (`nextLine`), in order. */
async function startChild(originPort: number) {
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let partial = '';
  const child = startGroup(process.execPath, ['-e', CHILD], {
    env: { ...process.env, ORIGIN_PORT: String(originPort) },
    onOutput: (stream, chunk) => {
      if (stream !== 'stdout') return;
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        const waiter = waiting.shift();
        if (waiter) waiter(line);
        else lines.push(line);
      }
    },
  });
  onTestFinished(() => child.killNow());
  const nextLine = () =>
    new Promise<string>((resolve) => {
      const line = lines.shift();
      if (line === undefined) waiting.push(resolve);
      else resolve(line);
    });
  const port = Number(await nextLine());
  return { pid: child.pid, port, nextLine };
}

describe('proxyConnections', () => {
  it('sees a client the proxy holds and the origin connection it opened, and no origin once the origin closed', async () => {
    const originSockets = new Set<net.Socket>();
    const origin = net.createServer((socket) => {
      originSockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => origin.close(() => resolve())));
    const { port: originPort } = origin.address() as net.AddressInfo;
    const proxy = await startChild(originPort);
    const idle = await socketCount(proxy.pid);
    expect(await proxyConnections(proxy.port, proxy.pid)).toEqual({ clients: 0, origins: 0 });

    const client = net.connect(proxy.port, '127.0.0.1');
    client.on('error', () => {});
    await once(client, 'connect');
    expect(await proxy.nextLine()).toBe('holding');
    expect(await proxyConnections(proxy.port, proxy.pid)).toEqual({ clients: 1, origins: 1 });
    expect((await socketCount(proxy.pid)) ?? 0).toBe((idle ?? 0) + 2);
    const busy = await waitUntilQuiet(proxy.port, proxy.pid, { timeoutMs: 50, gaveUp: () => false });
    expect(busy.state).toBe('busy');

    // the origin closes: the proxy's end, never closed, is CLOSE_WAIT — a leak, not an exchange in progress
    for (const socket of originSockets) socket.destroy();
    client.destroy();
    let open = await proxyConnections(proxy.port, proxy.pid);
    for (let polls = 0; polls < 50 && open?.origins !== 0; polls++) {
      open = await proxyConnections(proxy.port, proxy.pid);
    }
    expect(open?.origins).toBe(0);
  });
});
