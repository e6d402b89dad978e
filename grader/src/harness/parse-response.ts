import type { HeaderList } from './clients/raw-client.js';

export interface ParsedResponse {
  statusLine: string;
  statusCode: number | undefined;
  headers: HeaderList;
  /** Bytes of the head including the blank line; body starts here. */
  headLength: number;
  body: Buffer;
}

/** Splits raw response bytes into head and body; undefined when no complete head arrived. */
export function parseResponse(bytes: Buffer): ParsedResponse | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const statusLine = lines[0] ?? '';
  const code = /^HTTP\/\d\.\d (\d{3})/.exec(statusLine)?.[1];
  const headers: HeaderList = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return {
    statusLine,
    statusCode: code === undefined ? undefined : Number(code),
    headers,
    headLength: end + 4,
    body: bytes.subarray(end + 4),
  };
}

/** All values of a header, matched case-insensitively. */
export function headerValues(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}
