import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  canConnect,
  findFreePort,
  isListening,
  openConnections,
  waitForListening,
  waitForQuiescence,
} from './port-probe.js';

describe('port probes', () => {
  it('sees a listening socket in the listen table without connecting to it', async () => {
    let connections = 0;
    const server = net.createServer(() => connections++);
    onTestFinished(() => new Promise<void>((done) => server.close(() => done())));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as net.AddressInfo;
    expect(await isListening(port)).toBe(true);
    expect(await waitForListening('127.0.0.1', port, { timeoutMs: 2000, gaveUp: () => false })).toBe('ready');
    expect(connections).toBe(0);
  });

  it('reports a free port as not listening and gives up when told to', async () => {
    const port = await findFreePort();
    expect(await isListening(port)).toBe(false);
    expect(await canConnect('127.0.0.1', port, 500)).toBe(false);
    expect(await waitForListening('127.0.0.1', port, { timeoutMs: 5000, gaveUp: () => true })).toBe(
      'gave-up',
    );
    expect(await waitForListening('127.0.0.1', port, { timeoutMs: 100, gaveUp: () => false })).toBe(
      'timeout',
    );
  });

  it('counts the accepted connections a server has not closed, and sees them go', async () => {
    const accepted: net.Socket[] = [];
    const server = net.createServer({ allowHalfOpen: true }, (socket) => accepted.push(socket));
    onTestFinished(() => new Promise<void>((done) => server.close(() => done())));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as net.AddressInfo;
    const client = net.connect(port, '127.0.0.1');
    onTestFinished(() => {
      client.destroy();
    });
    await new Promise((done) => client.once('connect', done));
    for (let i = 0; i < 200 && accepted.length === 0; i++) await new Promise((done) => setTimeout(done, 5));
    expect(await openConnections(port)).toBe(1);
    client.destroy();
    // the server side sits in CLOSE_WAIT until the server closes it: still owed work
    await waitForQuiescence(port, { timeoutMs: 100, gaveUp: () => false });
    expect(await openConnections(port)).toBe(1);
    for (const socket of accepted) socket.destroy();
    await waitForQuiescence(port, { timeoutMs: 2000, gaveUp: () => false });
    expect(await openConnections(port)).toBe(0);
  });
});
