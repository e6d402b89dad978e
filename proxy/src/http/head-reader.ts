import { HeadTooLargeError, LineTooLongError } from '../errors.js';

export const MAX_LINE_BYTES = 8192;
export const MAX_HEAD_BYTES = 65536;

export type HeadReadResult =
  | { readonly done: false }
  | { readonly done: true; readonly lines: readonly string[]; readonly rest: Buffer };

/**
 * Collects a request head from socket chunks, one line at a time, within fixed limits.
 * Lines end with LF (an optional CR before it is dropped); they are decoded as latin1 so every byte
 * survives unchanged. Empty lines before the request line are skipped (RFC 9112 §2.2).
 * Scanning is linear in the bytes received, however the client splits them.
 */
export class HeadReader {
  private readonly lines: string[] = [];
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private totalBytes = 0;
  private finished = false;
  private rejectedLineStart: string | undefined;

  constructor(
    private readonly maxLineBytes = MAX_LINE_BYTES,
    private readonly maxHeadBytes = MAX_HEAD_BYTES,
  ) {}

  /** True once any byte has been received (a connect-then-close sends none). */
  get receivedAny(): boolean {
    return this.totalBytes > 0 || this.partialBytes > 0;
  }

  /** The request line, or the start of it when it is still incomplete (for logs). */
  get firstLine(): string {
    return this.lines[0] ?? this.rejectedLineStart ?? Buffer.concat(this.partial).toString('latin1', 0, 200);
  }

  /** Feeds one chunk; throws a RequestError when a limit is crossed. */
  push(chunk: Buffer): HeadReadResult {
    if (this.finished) throw new Error('HeadReader.push called after the head was complete');
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      const line = this.takeLine(chunk.subarray(start, newline));
      start = newline + 1;
      if (line !== '') {
        this.lines.push(line);
      } else if (this.lines.length > 0) {
        this.finished = true;
        return { done: true, lines: this.lines, rest: chunk.subarray(start) };
      }
    }
    const tail = chunk.subarray(start);
    if (tail.length > 0) {
      this.partial.push(tail);
      this.partialBytes += tail.length;
      // One byte of slack for the CR that may precede the LF still to come.
      if (this.partialBytes > this.maxLineBytes + 1) throw new LineTooLongError(this.maxLineBytes);
      if (this.totalBytes + this.partialBytes > this.maxHeadBytes)
        throw new HeadTooLargeError(this.maxHeadBytes);
    }
    return { done: false };
  }

  private takeLine(segment: Buffer): string {
    const bytes = this.partialBytes === 0 ? segment : Buffer.concat([...this.partial, segment]);
    this.partial = [];
    this.partialBytes = 0;
    this.totalBytes += bytes.length + 1;
    const contentBytes = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    if (contentBytes > this.maxLineBytes) {
      this.rejectedLineStart = bytes.toString('latin1', 0, Math.min(200, contentBytes));
      throw new LineTooLongError(this.maxLineBytes);
    }
    if (this.totalBytes > this.maxHeadBytes) throw new HeadTooLargeError(this.maxHeadBytes);
    return bytes.toString('latin1', 0, contentBytes);
  }
}
