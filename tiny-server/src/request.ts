// Reading and parsing a request head the way Tiny does: the request line, then header lines that are read
// to the blank line and ignored. Limits keep a hostile client from growing the buffer without bound.

export const MAX_LINE_BYTES = 8 * 1024;
export const MAX_HEAD_BYTES = 64 * 1024;

export type HeadProgress =
  | { kind: 'incomplete' }
  | { kind: 'complete'; requestLine: string }
  | { kind: 'too-large'; reason: string };

/** Accumulates bytes until the blank line that ends the head; keeps only the request line. */
export class RequestHeadReader {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private headBytes = 0;
  private requestLine: string | undefined;

  push(chunk: Buffer): HeadProgress {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline + 1;
      this.headBytes += end - start;
      this.partialBytes += end - start;
      if (this.headBytes > MAX_HEAD_BYTES) return { kind: 'too-large', reason: 'Request head too large' };
      if (this.partialBytes > MAX_LINE_BYTES) return { kind: 'too-large', reason: 'Request line too long' };
      this.partial.push(chunk.subarray(start, end));
      start = end;
      if (newline === -1) break;
      const line = this.takeLine();
      if (this.requestLine === undefined) {
        this.requestLine = line;
        if (line === '') return { kind: 'complete', requestLine: '' };
      } else if (line === '') {
        return { kind: 'complete', requestLine: this.requestLine };
      }
    }
    return { kind: 'incomplete' };
  }

  /** The request line, if one full line has arrived (for a client that half-closes before the blank line). */
  get firstLine(): string | undefined {
    return this.requestLine;
  }

  /** True when some bytes arrived that did not finish a line. */
  get hasPartialLine(): boolean {
    return this.partialBytes > 0;
  }

  private takeLine(): string {
    let text = Buffer.concat(this.partial).toString('latin1');
    this.partial = [];
    this.partialBytes = 0;
    text = text.endsWith('\r\n') ? text.slice(0, -2) : text.slice(0, -1);
    return text;
  }
}

export type ParsedRequestLine =
  | { ok: true; method: string; uri: string; version: string }
  | { ok: false; reason: string };

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VERSION = /^HTTP\/\d\.\d$/;

/** Splits `METHOD URI VERSION`; extra spaces or tabs between the parts are tolerated, as Tiny's sscanf does. */
export function parseRequestLine(line: string): ParsedRequestLine {
  const parts = line.trim().split(/[ \t]+/);
  if (parts.length !== 3) return { ok: false, reason: 'Tiny expects "METHOD URI VERSION"' };
  const [method, uri, version] = parts as [string, string, string];
  if (!TOKEN.test(method)) return { ok: false, reason: 'The method is not a valid token' };
  if (!VERSION.test(version)) return { ok: false, reason: 'The version must look like HTTP/1.0' };
  return { ok: true, method, uri, version };
}
