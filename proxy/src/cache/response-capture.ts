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
 * The head is judged once, as soon as it is complete; once the response cannot be cached, nothing more
 * is kept. A response that arrived in one chunk is stored as that chunk, without a copy.
 */
export class ResponseCapture {
  private chunks: Buffer[] = [];
  private capturedBytes = 0;
  private givenUp = false;
  /** Where the body starts, once the head is complete. */
  private headBytes = -1;
  private verdict: HeadVerdict | undefined;
  /** The last bytes seen while the head is incomplete: a blank line may straddle two chunks. */
  private headTail: Buffer = NO_BYTES;

  constructor(private readonly maxObjectBytes: number) {}

  add(chunk: Buffer): void {
    if (this.givenUp) return;
    const offset = this.capturedBytes;
    this.capturedBytes += chunk.length;
    if (this.capturedBytes > this.maxObjectBytes) {
      this.giveUp();
      return;
    }
    this.chunks.push(chunk);
    if (this.verdict === undefined) this.lookForHeadEnd(chunk, offset);
    else if (this.verdict.cacheable && this.tooLong(this.verdict.bodyBytes)) this.giveUp();
  }

  /** The whole response when it may be cached: within the limit, status 200, body as long as it claims. */
  takeCacheable(): Buffer | undefined {
    const { verdict } = this;
    if (this.givenUp || verdict === undefined || !verdict.cacheable) return undefined;
    const bodyBytes = this.capturedBytes - this.headBytes;
    if (verdict.bodyBytes !== undefined && verdict.bodyBytes !== bodyBytes) return undefined;
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
      this.headTail = window.subarray(Math.max(0, window.length - BLANK_LINE_OVERLAP));
      return;
    }
    this.headBytes = offset - this.headTail.length + end;
    this.headTail = NO_BYTES;
    const head =
      this.chunks.length === 1 && end <= text.length
        ? text.slice(0, end)
        : Buffer.concat(this.chunks, this.capturedBytes).toString('latin1', 0, this.headBytes);
    this.verdict = judgeResponseHead(head);
    if (!this.verdict.cacheable || this.tooLong(this.verdict.bodyBytes)) this.giveUp();
  }

  private tooLong(bodyBytes: number | undefined): boolean {
    return bodyBytes !== undefined && this.capturedBytes - this.headBytes > bodyBytes;
  }

  private giveUp(): void {
    this.givenUp = true;
    this.chunks = [];
  }
}

/** True for a `200` response whose head ends properly and whose body matches any Content-Length. */
export function isCompleteOkResponse(response: Buffer): boolean {
  const capture = new ResponseCapture(response.length);
  capture.add(response);
  return capture.takeCacheable() !== undefined;
}
