import type { Bilingual } from '../types.js';

/** How two byte strings differ, in words a student can act on. */
export interface ByteComparison {
  equal: boolean;
  /** First differing offset (or the shorter length when one is a prefix of the other). */
  offset: number;
  expectedLength: number;
  receivedLength: number;
  /** One sentence, e.g. 'truncated: received 1024 of 1048576 bytes'. */
  account: Bilingual;
  expectedExcerpt: string;
  receivedExcerpt: string;
}

const EXCERPT_BYTES = 24;

/** The excerpt past the last byte; results show it in the report's language. */
export const END_OF_DATA = '(end of data)';

/** Compares byte for byte and describes the first difference (truncation, trailing garbage, wrong byte). */
export function compareBytes(expected: Buffer, received: Buffer): ByteComparison {
  const common = Math.min(expected.length, received.length);
  let offset = 0;
  while (offset < common && expected[offset] === received[offset]) offset++;
  const equal = offset === expected.length && offset === received.length;
  const [want, got] = [expected.length, received.length];
  let account: Bilingual = { en: `identical (${want} bytes)`, ko: `동일함(${want}바이트)` };
  if (!equal && offset === got) {
    account = {
      en: `truncated: received ${got} of ${want} bytes`,
      ko: `잘림: ${want}바이트 중 ${got}바이트만 받음`,
    };
  } else if (!equal && offset === want) {
    account = {
      en: `${got - want} extra bytes after the expected ${want} (trailing garbage)`,
      ko: `기대한 ${want}바이트 뒤에 ${got - want}바이트가 더 붙음(쓰레기 바이트)`,
    };
  } else if (!equal) {
    account = {
      en: `bytes differ from offset ${offset} (expected ${want} bytes, received ${got})`,
      ko: `오프셋 ${offset}부터 바이트가 다름(기대 ${want}바이트, 받은 ${got}바이트)`,
    };
  }
  return {
    equal,
    offset,
    expectedLength: expected.length,
    receivedLength: received.length,
    account,
    expectedExcerpt: excerpt(expected, offset),
    receivedExcerpt: excerpt(received, offset),
  };
}

/** A short printable view of `bytes` around `offset`: text when printable, hex otherwise. */
export function excerpt(bytes: Buffer, offset: number, length = EXCERPT_BYTES): string {
  if (offset >= bytes.length) return END_OF_DATA;
  const slice = bytes.subarray(offset, offset + length);
  const printable = slice.every((b) => b === 0x0a || b === 0x0d || b === 0x09 || (b >= 0x20 && b < 0x7f));
  const more = offset + length < bytes.length ? '…' : '';
  if (printable) return `@${offset}: ${JSON.stringify(slice.toString('latin1'))}${more}`;
  return `@${offset}: ${slice.toString('hex').replace(/(..)/g, '$1 ').trim()}${more}`;
}
