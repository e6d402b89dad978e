import { findHeadEnd, findHeadEndInText, type HeadVerdict, judgeResponseHead } from './response-head.js';

const NO_BYTES = Buffer.alloc(0);
/** A blank line is at most 4 bytes (CRLF CRLF): this many bytes of one chunk may begin one ending in the next. */
const BLANK_LINE_OVERLAP = 3;
/**
 * How much of a chunk is decoded to look for the end of the head as text (searching a string costs no
 * call into C++, and the head is needed as text anyway); a longer head is searched in the bytes.
 */
const HEAD_TEXT_BYTES = 4096;

/**
 * Keeps a copy of a response while it is relayed, as long as it may still be cached: within the object
 * limit (status line and headers count toward it), a `200`, and no longer than its Content-Length.
 * Chunks are copied, never kept: the relay reads every chunk into one buffer it reuses. The head is judged
 * as soon as it is complete; once the response cannot be cached (a Content-Length that puts it over the
 * limit says so at the head), nothing more is copied. With a Content-Length, the chunks are copied straight
 * into one buffer of the response's size, which is what the cache stores: one copy per byte, no more.
 */
export class ResponseCapture {
  /** Copies of the chunks received while the response's size is unknown. */
  private chunks: Buffer[] = [];
  /** The whole response, once its head gave its size: chunks are copied into it at their offsets. */
  private whole: Buffer | undefined;
  private capturedBytes = 0;
  private copiedBytes = 0;
  private givenUp = false;
  /** Where the body starts, once the head is complete. */
  private headBytes = -1;
  private verdict: HeadVerdict | undefined;
  /** A copy of the last bytes seen while the head is incomplete: a blank line may straddle two chunks. */
  private headTail: Buffer = NO_BYTES;

  constructor(private readonly maxObjectBytes: number) {}

  /** Bytes copied so far (for tests: a response that cannot be cached is not copied). */
  get keptBytes(): number {
    return this.copiedBytes;
  }

  /** Takes note of the next chunk; `chunk` is only read during the call. */
  add(chunk: Buffer): void {
    if (this.givenUp) return;
    const offset = this.capturedBytes;
    this.capturedBytes += chunk.length;
    if (this.capturedBytes > this.maxObjectBytes) {
      this.giveUp();
      return;
    }
    if (this.verdict === undefined) this.lookForHeadEnd(chunk, offset);
    if (this.givenUp) return;
    const { whole } = this;
    if (whole === undefined) {
      this.chunks.push(Buffer.from(chunk));
    } else if (this.capturedBytes > whole.length) {
      this.giveUp(); // a body longer than its Content-Length
      return;
    } else {
      chunk.copy(whole, offset);
    }
    this.copiedBytes += chunk.length;
  }

  /** The whole response when it may be cached: within the limit, status 200, body as long as it claims. */
  takeCacheable(): Buffer | undefined {
    const { verdict, whole } = this;
    if (this.givenUp || verdict === undefined || !verdict.cacheable) return undefined;
    if (whole !== undefined) return this.capturedBytes === whole.length ? whole : undefined;
    const [only] = this.chunks;
    const response =
      this.chunks.length === 1 && only !== undefined ? only : Buffer.concat(this.chunks, this.capturedBytes);
    this.chunks = [];
    return response;
  }

  private lookForHeadEnd(chunk: Buffer, offset: number): void {
    const window = this.headTail.length === 0 ? chunk : Buffer.concat([this.headTail, chunk]);
    const text = window.toString('latin1', 0, HEAD_TEXT_BYTES);
    // A blank line found within the decoded part is the first one (no blank line starting earlier
    // can end past it); only when there is none there must the rest be searched.
    let end = findHeadEndInText(text);
    if (end === -1 && window.length > text.length) end = findHeadEnd(window);
    if (end === -1) {
      this.headTail = Buffer.from(window.subarray(Math.max(0, window.length - BLANK_LINE_OVERLAP)));
      return;
    }
    this.headBytes = offset - this.headTail.length + end;
    const head =
      this.chunks.length === 0 && this.headTail.length === 0 && end <= text.length
        ? text.slice(0, end)
        : Buffer.concat([...this.chunks, chunk]).toString('latin1', 0, this.headBytes);
    this.headTail = NO_BYTES;
    const verdict = judgeResponseHead(head);
    this.verdict = verdict;
    if (!verdict.cacheable) {
      this.giveUp();
    } else if (verdict.bodyBytes !== undefined) {
      const responseBytes = this.headBytes + verdict.bodyBytes;
      if (responseBytes > this.maxObjectBytes || this.capturedBytes > responseBytes) {
        this.giveUp();
        return;
      }
      const whole = Buffer.allocUnsafe(responseBytes);
      let at = 0;
      for (const kept of this.chunks) at += kept.copy(whole, at);
      this.chunks = [];
      this.whole = whole;
    }
  }

  private giveUp(): void {
    this.givenUp = true;
    this.chunks = [];
    this.whole = undefined;
  }
}

/** True for a `200` response whose head ends properly and whose body matches any Content-Length. */
export function isCompleteOkResponse(response: Buffer): boolean {
  const capture = new ResponseCapture(response.length);
  capture.add(response);
  return capture.takeCacheable() !== undefined;
}
