const STATUS_LINE_START = 'HTTP/';
const DOT = 46;
const SPACE = 32;

/**
 * The status code of a response whose first chunk starts `HTTP/d.d ddd` (as /^HTTP\/\d\.\d (\d{3})/
 * would read it), else undefined. Read from the bytes: no text is decoded for it.
 */
export function readStatusCode(firstChunk: Buffer): number | undefined {
  if (firstChunk.length < 12) return undefined;
  for (let i = 0; i < STATUS_LINE_START.length; i += 1) {
    if (firstChunk[i] !== STATUS_LINE_START.charCodeAt(i)) return undefined;
  }
  if (!isDigit(firstChunk[5]) || firstChunk[6] !== DOT || !isDigit(firstChunk[7])) return undefined;
  if (firstChunk[8] !== SPACE) return undefined;
  const hundreds = digitAt(firstChunk, 9);
  const tens = digitAt(firstChunk, 10);
  const units = digitAt(firstChunk, 11);
  if (hundreds === undefined || tens === undefined || units === undefined) return undefined;
  return hundreds * 100 + tens * 10 + units;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 48 && byte <= 57;
}

function digitAt(bytes: Buffer, index: number): number | undefined {
  const byte = bytes[index];
  return isDigit(byte) ? (byte as number) - 48 : undefined;
}
