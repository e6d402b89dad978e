import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildFixedResponse, startRecordingOrigin } from './recording-origin.js';

/** Connects, writes `bytes`, collects the answer; closes after the answer unless `keepOpen`. */
function send(port: number, bytes: Buffer | string, keepOpen = false): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: keepOpen }, () =>
      socket.write(bytes),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      resolve(Buffer.concat(chunks));
      if (!keepOpen) socket.end();
    });
    socket.on('error', reject);
    onTestFinished(() => void socket.destroy());
  });
}

describe('the recording origin', () => {
  it('captures every byte the proxy sent, including bytes after the blank line, and answers the fixed response', async () => {
    const response = buildFixedResponse('hello\n');
    const origin = await startRecordingOrigin(response);
    onTestFinished(() => origin.close());
    const head = 'GET /x?q=1 HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n';
    const answered = send(origin.port, Buffer.concat([Buffer.from(head), Buffer.from([0, 0, 0x41])]));
    const capture = await origin.nextCapture({ timeoutMs: 5000 });
    expect(capture.connected).toBe(true);
    expect(capture.end).toBe('closed');
    expect(capture.bytes).toEqual(Buffer.concat([Buffer.from(head), Buffer.from([0, 0, 0x41])]));
    expect(await answered).toEqual(response);
  });

  it('hands out captures in connection order', async () => {
    const origin = await startRecordingOrigin();
    onTestFinished(() => origin.close());
    await send(origin.port, 'GET /first HTTP/1.0\r\n\r\n');
    await send(origin.port, 'GET /second HTTP/1.0\r\n\r\n');
    expect((await origin.captured()).toString()).toContain('/first');
    expect((await origin.captured()).toString()).toContain('/second');
    expect(origin.connectionCount).toBe(2);
  });

  it('reports no connection when none came within the wait', async () => {
    const origin = await startRecordingOrigin();
    onTestFinished(() => origin.close());
    const capture = await origin.nextCapture({ timeoutMs: 50 });
    expect(capture).toEqual({ bytes: Buffer.alloc(0), connected: false, end: 'none' });
  });

  it('stops waiting for a proxy that never closes after the linger time', async () => {
    const origin = await startRecordingOrigin(undefined, { lingerMs: 100 });
    onTestFinished(() => origin.close());
    void send(origin.port, 'GET /kept HTTP/1.0\r\n\r\n', true);
    const capture = await origin.nextCapture({ timeoutMs: 5000 });
    expect(capture.end).toBe('linger');
    expect(capture.bytes.toString()).toBe('GET /kept HTTP/1.0\r\n\r\n');
  });

  it('can hand out the head as soon as its blank line arrived, without waiting for the close', async () => {
    const origin = await startRecordingOrigin(undefined, { lingerMs: 60_000 });
    onTestFinished(() => origin.close());
    void send(origin.port, 'GET /early HTTP/1.0\r\n\r\n', true);
    const capture = await origin.nextCapture({ timeoutMs: 10_000, until: 'head' });
    expect(capture).toEqual({
      bytes: Buffer.from('GET /early HTTP/1.0\r\n\r\n'),
      connected: true,
      end: 'none',
    });
  });
});
