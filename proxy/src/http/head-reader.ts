import { HeadTooLargeError, LineTooLongError } from '../errors.js';

export const MAX_LINE_BYTES = 8192;
export const MAX_HEAD_BYTES = 65536;

export type HeadReadResult =
  | { readonly done: false }
  | { readonly done: true; readonly lines: readonly string[]; readonly rest: Buffer };

/**
 * Collects a request head from socket chunks, one line at a time, within fixed limits.
 * Lines end with LF (an optional CR before it is dropped); they are decoded as latin1 so every byte
 * survives unchanged (and a character index is a byte index). Empty lines before the request line are
 * skipped (RFC 9112 §2.2). Each chunk is decoded once; scanning is linear in the bytes received,
 * however the client splits them.
 */
export class HeadReader {
  private readonly lines: string[] = [];
  /** The start of a line whose LF has not arrived yet. */
  private partial = '';
  private totalBytes = 0;
  private finished = false;
  private rejectedLineStart: string | undefined;

  constructor(
    private readonly maxLineBytes = MAX_LINE_BYTES,
    private readonly maxHeadBytes = MAX_HEAD_BYTES,
  ) {}

  /** True once any byte has been received (a connect-then-close sends none). */
  get receivedAny(): boolean {
    return this.totalBytes > 0 || this.partial.length > 0;
  }

  /** The request line, or the start of it when it is still incomplete (for logs). */
  get firstLine(): string {
    return this.lines[0] ?? this.rejectedLineStart ?? this.partial.slice(0, 200);
  }

  /** Feeds one chunk; throws a RequestError when a limit is crossed. */
  push(chunk: Buffer): HeadReadResult {
    if (this.finished) throw new Error('HeadReader.push called after the head was complete');
    const text = chunk.toString('latin1');
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      const line = this.takeLine(text, start, newline);
      start = newline + 1;
      if (line !== '') {
        this.lines.push(line);
      } else if (this.lines.length > 0) {
        this.finished = true;
        return { done: true, lines: this.lines, rest: chunk.subarray(start) };
      }
    }
    if (start < text.length) {
      this.partial += start === 0 ? text : text.slice(start);
      // One byte of slack for the CR that may precede the LF still to come.
      if (this.partial.length > this.maxLineBytes + 1) throw new LineTooLongError(this.maxLineBytes);
      if (this.totalBytes + this.partial.length > this.maxHeadBytes)
        throw new HeadTooLargeError(this.maxHeadBytes);
    }
    return { done: false };
  }

  /** The line ending at the LF at `newline` (whose start may have come in earlier chunks), without CR. */
  private takeLine(text: string, start: number, newline: number): string {
    const whole =
      this.partial === '' ? text.slice(start, newline) : this.partial + text.slice(start, newline);
    this.partial = '';
    this.totalBytes += whole.length + 1;
    const contentBytes =
      whole.length > 0 && whole.charCodeAt(whole.length - 1) === 13 ? whole.length - 1 : whole.length;
    if (contentBytes > this.maxLineBytes) {
      this.rejectedLineStart = whole.slice(0, Math.min(200, contentBytes));
      throw new LineTooLongError(this.maxLineBytes);
    }
    if (this.totalBytes > this.maxHeadBytes) throw new HeadTooLargeError(this.maxHeadBytes);
    return contentBytes === whole.length ? whole : whole.slice(0, contentBytes);
  }
}
