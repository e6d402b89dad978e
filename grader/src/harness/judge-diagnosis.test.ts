import { describe, expect, it } from 'vitest';
import { judgeResponse } from './judge-response.js';
import type { RawResponse } from './clients/raw-client.js';

const raw = (bytes: Buffer): RawResponse => ({ bytes, ended: true, timedOut: false, durationMs: 1 });
const response = (body: string) =>
  Buffer.from(`HTTP/1.0 200 OK\r\nServer: Tiny Web Server\r\nContent-length: ${body.length}\r\n\r\n${body}`);
const mine = response('the object of /a/x.txt\n');
const theirs = response('the object of /b/x.txt\n');
const hit = { what: 'the hit', timeoutMs: 5000, cacheHit: true };

describe('telling causes apart from the bytes a client received', () => {
  it('names a second complete HTTP response after a hit as a missing return, not a wrong length', () => {
    const outcome = judgeResponse(raw(mine), raw(Buffer.concat([mine, mine])), hit);
    expect(outcome.detail?.en).toMatch(/second HTTP response \("HTTP\/1\.0 200 OK"\)/);
    expect(outcome.hint?.en).toMatch(/return/);
    expect(outcome.hint?.en).not.toMatch(/length you write/);
  });

  it('calls bytes after a hit that are no HTTP response trailing garbage, with the length hint', () => {
    const outcome = judgeResponse(raw(mine), raw(Buffer.concat([mine, Buffer.alloc(40)])), hit);
    expect(outcome.detail?.en).toMatch(/not an HTTP response \(all NUL bytes\)/);
    expect(outcome.hint?.en).toMatch(/length you write/);
  });

  it('names a key collision, with both URLs, when the hit is exactly another URL’s response', () => {
    const others = [{ url: 'http://127.0.0.1:2/b/x.txt', bytes: theirs }];
    const outcome = judgeResponse(raw(mine), raw(theirs), { ...hit, others });
    expect(outcome.detail?.en).toMatch(
      /exactly the response for http:\/\/127\.0\.0\.1:2\/b\/x\.txt.*key collision/,
    );
    expect(outcome.hint?.en).toMatch(/whole URL/);
  });

  it('calls a hit that matches no other object altered bytes, with the first differing offset', () => {
    const altered = Buffer.from(mine);
    altered[altered.length - 3] = 0x21;
    const others = [{ url: 'http://127.0.0.1:2/b/x.txt', bytes: theirs }];
    const outcome = judgeResponse(raw(mine), raw(altered), { ...hit, others });
    expect(outcome.detail?.en).toMatch(
      new RegExp(`altered bytes: bytes differ from offset ${mine.length - 3}`),
    );
    expect(outcome.hint?.en).toMatch(/not a key collision/);
    expect(outcome.received).toContain('!');
  });

  it('says another request’s answer on a miss could be a key collision or shared thread state', () => {
    const others = [{ url: 'http://127.0.0.1:2/b/x.txt', bytes: theirs }];
    const outcome = judgeResponse(raw(mine), raw(theirs), { what: 'a miss', timeoutMs: 5000, others });
    expect(outcome.detail?.en).toMatch(/cannot tell which/);
  });

  it('blames string functions when a hit goes wrong exactly at a NUL byte of the original', () => {
    const binary = Buffer.concat([response('ab\0cd').subarray(0, -5), Buffer.from('ab\0cd', 'latin1')]);
    const cut = Buffer.concat([binary.subarray(0, binary.length - 3), Buffer.from('xy')]);
    const outcome = judgeResponse(raw(binary), raw(cut), { ...hit, others: [] });
    expect(outcome.detail?.en).toMatch(/at a NUL byte of the original/);
    expect(outcome.hint?.en).toMatch(/strlen/);
  });
});
