import { describe, expect, it } from 'vitest';
import { readStatusCode } from './status-code.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('readStatusCode', () => {
  it('reads the three digits after HTTP/d.d and a space, whatever follows them', () => {
    expect(readStatusCode(bytes('HTTP/1.0 200 OK\r\n'))).toBe(200);
    expect(readStatusCode(bytes('HTTP/1.1 404'))).toBe(404);
    expect(readStatusCode(bytes('HTTP/9.9 0071'))).toBe(7);
  });

  it('gives nothing for anything else, a status line cut short included', () => {
    for (const text of [
      'HTTP/1.1 20',
      'HTTP/1.1  200',
      'http/1.1 200',
      'HTTP/11 200 OK',
      'HTTP/1.1 2x0',
      '',
    ]) {
      expect(readStatusCode(bytes(text)), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('agrees with the regular expression it replaces on every variation of one status line', () => {
    const oracle = (chunk: Buffer): number | undefined => {
      const match = /^HTTP\/\d\.\d (\d{3})/.exec(chunk.toString('latin1', 0, 16));
      return match ? Number(match[1]) : undefined;
    };
    const line = bytes('HTTP/1.0 200 OK\r\n');
    for (let at = 0; at < line.length; at += 1) {
      for (const replacement of [0x20, 0x30, 0x39, 0x2f, 0x41, 0x00, 0xff]) {
        const variant = Buffer.from(line);
        variant[at] = replacement;
        expect(readStatusCode(variant), `byte ${at} = ${replacement}`).toBe(oracle(variant));
        expect(readStatusCode(variant.subarray(0, at)), `cut at ${at}`).toBe(oracle(variant.subarray(0, at)));
      }
    }
  });
});
