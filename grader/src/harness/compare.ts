/** How two byte strings differ, in words a student can act on. */
export interface ByteComparison {
  equal: boolean;
  /** First differing offset (or the shorter length when one is a prefix of the other). */
  offset: number;
  expectedLength: number;
  receivedLength: number;
  /** One sentence, e.g. 'received 1024 of 1048576 bytes: truncated at byte 1024'. */
  summary: string;
  expectedExcerpt: string;
  receivedExcerpt: string;
}

const EXCERPT_BYTES = 24;

/** Compares byte for byte and describes the first difference (truncation, trailing garbage, wrong byte). */
export function compareBytes(expected: Buffer, received: Buffer): ByteComparison {
  const common = Math.min(expected.length, received.length);
  let offset = 0;
  while (offset < common && expected[offset] === received[offset]) offset++;
  const equal = offset === expected.length && offset === received.length;
  let summary = `identical (${expected.length} bytes)`;
  if (!equal && offset === received.length) {
    summary = `truncated: received ${received.length} of ${expected.length} bytes`;
  } else if (!equal && offset === expected.length) {
    summary = `${received.length - expected.length} extra bytes after the expected ${expected.length} (trailing garbage)`;
  } else if (!equal) {
    summary = `bytes differ from offset ${offset} (expected ${expected.length} bytes, received ${received.length})`;
  }
  return {
    equal,
    offset,
    expectedLength: expected.length,
    receivedLength: received.length,
    summary,
    expectedExcerpt: excerpt(expected, offset),
    receivedExcerpt: excerpt(received, offset),
  };
}

/** A short printable view of `bytes` around `offset`: text when printable, hex otherwise. */
export function excerpt(bytes: Buffer, offset: number, length = EXCERPT_BYTES): string {
  if (offset >= bytes.length) return '(end of data)';
  const slice = bytes.subarray(offset, offset + length);
  const printable = slice.every((b) => b === 0x0a || b === 0x0d || b === 0x09 || (b >= 0x20 && b < 0x7f));
  const more = offset + length < bytes.length ? '…' : '';
  if (printable) return `@${offset}: ${JSON.stringify(slice.toString('latin1'))}${more}`;
  return `@${offset}: ${slice.toString('hex').replace(/(..)/g, '$1 ').trim()}${more}`;
}
