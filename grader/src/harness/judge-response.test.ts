import { describe, expect, it } from 'vitest';
import { judgeResponse } from './judge-response.js';
import type { RawResponse } from './clients/raw-client.js';

const raw = (bytes: Buffer, extra: Partial<RawResponse> = {}): RawResponse => ({
  bytes,
  ended: true,
  timedOut: false,
  durationMs: 1,
  ...extra,
});
const head = 'HTTP/1.0 200 OK\r\nServer: Tiny Web Server\r\nContent-length: 8\r\n\r\n';
const original = Buffer.concat([Buffer.from(head), Buffer.from([1, 2, 3, 0, 5, 6, 7, 8])]);
const options = { what: 'the JPEG /a.jpg', timeoutMs: 5000 };

describe('judging a relayed response', () => {
  it('passes identical bytes read to EOF', () => {
    expect(judgeResponse(raw(original), raw(original), options)).toEqual({ passed: true });
  });

  it('blames strlen when the response stops at a NUL byte of the original', () => {
    const outcome = judgeResponse(raw(original), raw(original.subarray(0, head.length + 3)), options);
    expect(outcome.passed).toBe(false);
    expect(outcome.detail?.en).toContain('truncated');
    expect(outcome.detail?.en).toContain('NUL');
    expect(outcome.hint?.en).toContain('strlen');
    expect(outcome.expected).toContain('00 05 06');
  });

  it('tells a cache hit with trailing garbage to send exactly the stored length', () => {
    const garbage = Buffer.concat([original, Buffer.from('junk')]);
    const outcome = judgeResponse(raw(original), raw(garbage), { ...options, cacheHit: true });
    expect(outcome.detail?.en).toContain('4 extra bytes');
    expect(outcome.hint?.en).toContain('exactly the bytes stored');
    expect(outcome.received).toContain('junk');
  });

  it('tolerates bytes after the whole response only when asked to, and never a short one', () => {
    const garbage = Buffer.concat([original, Buffer.from('junk')]);
    expect(judgeResponse(raw(original), raw(garbage), { ...options, allowTrailing: true })).toEqual({
      passed: true,
    });
    expect(judgeResponse(raw(original), raw(garbage), options).passed).toBe(false);
    const short = raw(original.subarray(0, original.length - 1));
    expect(judgeResponse(raw(original), short, { ...options, allowTrailing: true }).passed).toBe(false);
    const stalled = raw(garbage, { ended: false, timedOut: true });
    expect(judgeResponse(raw(original), stalled, { ...options, allowTrailing: true }).passed).toBe(false);
  });

  it('names a changed status line and a proxy-made error page', () => {
    const answer = Buffer.from('HTTP/1.0 502 Bad Gateway\r\n\r\n');
    const outcome = judgeResponse(raw(original), raw(answer), options);
    expect(outcome.detail?.en).toContain('"HTTP/1.0 502 Bad Gateway"');
    expect(outcome.hint?.en).toContain('answered by itself');
  });

  it('names the header line that changed', () => {
    const changed = Buffer.from(
      original.toString('latin1').replace('Tiny Web Server', 'Tiny Web Proxy!'),
      'latin1',
    );
    const outcome = judgeResponse(raw(original), raw(changed), options);
    expect(outcome.detail?.en).toContain('"Server: Tiny Web Server"');
    expect(outcome.detail?.en).toContain('"Server: Tiny Web Proxy!"');
  });

  it('says when every byte came but the connection was never closed', () => {
    const outcome = judgeResponse(raw(original), raw(original, { ended: false, timedOut: true }), options);
    expect(outcome.detail?.en).toContain('did not close within 5000 ms');
    expect(outcome.hint?.en).toContain('close the client socket once the origin closes');
  });

  it('after a hit that closed, a response left open points at a lock the hit path kept', () => {
    const open = raw(original, { ended: false, timedOut: true });
    const outcome = judgeResponse(raw(original), open, { ...options, closeMs: 2000, afterHit: true });
    expect(outcome.detail?.en).toContain('did not close within 2000 ms');
    expect(outcome.detail?.en).toContain('served a cache hit and closed it');
    expect(outcome.hint?.en).toContain('lock taken on the hit path');
    expect(outcome.hint?.ko).toContain('락');
  });

  it('says what was received so far when the proxy stalls', () => {
    const outcome = judgeResponse(
      raw(original),
      raw(original.subarray(0, 10), { ended: false, timedOut: true }),
      options,
    );
    expect(outcome.detail?.en).toContain('received 10 of');
    expect(outcome.detail?.en).toContain('nothing more within 5000 ms');
  });

  it('reports a refused connection', () => {
    const outcome = judgeResponse(
      raw(original),
      raw(Buffer.alloc(0), { ended: false, errorCode: 'ECONNREFUSED' }),
      options,
    );
    expect(outcome.detail?.en).toBe('the JPEG /a.jpg: the proxy refused the connection.');
  });
});
