import { describe, expect, it, onTestFinished } from 'vitest';
import { startEarlyCloseOrigin, startRefusingOrigin, startResettingOrigin } from './faulty-origins.js';
import { exchange } from '../clients/raw-client.js';

const get = (path: string) => `GET ${path} HTTP/1.0\r\n\r\n`;

describe('the faulty origins', () => {
  it('a refusing origin is a port where nothing listens', async () => {
    const origin = await startRefusingOrigin();
    const response = await exchange(origin, get('/x'), { timeoutMs: 5000 });
    expect(response.errorCode).toBe('ECONNREFUSED');
    expect(response.bytes.length).toBe(0);
  });

  it('a resetting origin sends the head and half the body, then an RST', async () => {
    const origin = await startResettingOrigin();
    onTestFinished(() => origin.close());
    const sent = origin.sentFor('/r');
    const response = await exchange(origin, get('/r'), { timeoutMs: 5000 });
    expect(sent.toString('latin1')).toMatch(/^HTTP\/1\.0 200 OK\r\n[\s\S]*Content-length: 4\d{3}\r\n/);
    expect(sent.length).toBeLessThan(4096);
    expect(sent.subarray(0, response.bytes.length).equals(response.bytes)).toBe(true);
    // A blocking read() sees ECONNRESET after the data; libuv may report the reset as an end of stream.
    expect(response.errorCode === 'ECONNRESET' || (response.ended && !response.timedOut)).toBe(true);
  });

  it('an early-close origin ends cleanly in the middle of its head, or after half the promised body', async () => {
    const partialHead = await startEarlyCloseOrigin('partial-head');
    onTestFinished(() => partialHead.close());
    const halfBody = await startEarlyCloseOrigin('half-body');
    onTestFinished(() => halfBody.close());
    const head = await exchange(partialHead, get('/p'), { timeoutMs: 5000 });
    expect(head.ended).toBe(true);
    expect(head.errorCode).toBeUndefined();
    expect(head.bytes.equals(partialHead.sentFor('/p'))).toBe(true);
    expect(head.bytes.includes('\r\n\r\n')).toBe(false);
    const body = await exchange(halfBody, get('/h'), { timeoutMs: 5000 });
    expect(body.ended).toBe(true);
    expect(body.bytes.equals(halfBody.sentFor('/h'))).toBe(true);
    const bodyStart = body.bytes.indexOf('\r\n\r\n') + 4;
    const promised = Number(/Content-length: (\d+)/.exec(body.bytes.toString('latin1'))?.[1]);
    expect(body.bytes.length - bodyStart).toBe(Math.floor(promised / 2));
  });
});
