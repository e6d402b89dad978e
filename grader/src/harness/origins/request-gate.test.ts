// The grader's origins see requests only: garbage another local process sprays at their ports is dropped
// before it can count as a connection or a captured request, and a real request arrives byte for byte.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startCountingOrigin } from './counting-origin.js';
import { startRecordingOrigin } from './recording-origin.js';
import { requestLineVerdict } from './request-gate.js';

function send(port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.resume();
  });
}

describe('requestLineVerdict', () => {
  it.each([
    ['GET /x HTTP/1.0\r\n', 'request'],
    ['get http://h/x HTTP/1.1\n', 'request'],
    ['GET /x\r\n', 'request'],
    ['GET /x HTT', 'undecided'],
    ['GE', 'undecided'],
    ['\x00\x01GET', 'garbage'],
    ['GET  /x\r\n', 'garbage'],
    ['G3T /x\r\n', 'garbage'],
    ['GET /x HTTP/1.0\x01\r\n', 'garbage'],
  ])('%j is %s', (text, verdict) => {
    expect(requestLineVerdict(Buffer.from(text, 'latin1'))).toBe(verdict);
  });

  it('finds random garbage is garbage', () => {
    for (let i = 0; i < 2000; i++) expect(requestLineVerdict(randomBytes(4096))).toBe('garbage');
  });
});

describe('origins under a garbage spray', () => {
  it('a recording origin captures the request, not the garbage that came first', async () => {
    const origin = await startRecordingOrigin();
    onTestFinished(() => origin.close());
    for (let i = 0; i < 20; i++) await send(origin.port, randomBytes(4096));
    const request = Buffer.from('GET /after HTTP/1.0\r\nHost: x\r\n\r\n', 'latin1');
    await send(origin.port, request);
    expect(await origin.captured({ timeoutMs: 2000 })).toEqual(request);
    expect(origin.connectionCount).toBe(1);
  });

  it('a counting origin counts and answers requests only', async () => {
    const origin = await startCountingOrigin();
    onTestFinished(() => origin.close());
    for (let i = 0; i < 20; i++) await send(origin.port, randomBytes(4096));
    await send(origin.port, Buffer.from('GET /one HTTP/1.0\r\n\r\n', 'latin1'));
    expect(origin.connectionCount).toBe(1);
    expect(origin.requests.map((r) => r.path)).toEqual(['/one']);
  });
});
