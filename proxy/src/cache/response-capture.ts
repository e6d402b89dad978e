/**
 * Keeps a copy of a response while it is relayed, as long as it stays within the object limit
 * (status line and headers count toward it). Past the limit the copy is dropped and nothing more is kept.
 */
export class ResponseCapture {
  private chunks: Buffer[] = [];
  private capturedBytes = 0;
  private overLimit = false;

  constructor(private readonly maxObjectBytes: number) {}

  add(chunk: Buffer): void {
    if (this.overLimit) return;
    this.capturedBytes += chunk.length;
    if (this.capturedBytes > this.maxObjectBytes) {
      this.overLimit = true;
      this.chunks = [];
      return;
    }
    this.chunks.push(chunk);
  }

  /** The whole response when it may be cached: within the limit, status 200, body as long as it claims. */
  takeCacheable(): Buffer | undefined {
    if (this.overLimit) return undefined;
    const response = Buffer.concat(this.chunks, this.capturedBytes);
    this.chunks = [];
    return isCompleteOkResponse(response) ? response : undefined;
  }
}

/** True for a `200` response whose head ends properly and whose body matches any Content-Length. */
export function isCompleteOkResponse(response: Buffer): boolean {
  const crlfEnd = response.indexOf('\r\n\r\n');
  const lfEnd = response.indexOf('\n\n');
  const headEnd =
    crlfEnd !== -1 && (lfEnd === -1 || crlfEnd < lfEnd) ? crlfEnd + 4 : lfEnd === -1 ? -1 : lfEnd + 2;
  if (headEnd === -1) return false;
  const head = response.toString('latin1', 0, headEnd);
  if (!/^HTTP\/1\.\d 200(?:[ \t][^\r\n]*)?\r?\n/.test(head)) return false;
  const lengths = [...head.matchAll(/^content-length[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?$/gim)].map((m) => m[1]);
  if (lengths.length === 0) return true;
  const bodyBytes = response.length - headEnd;
  return lengths.every((value) => value !== undefined && /^\d+$/.test(value) && Number(value) === bodyBytes);
}
