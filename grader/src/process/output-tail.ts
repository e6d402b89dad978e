/** Keeps the last lines written to a stream, bounded in lines and in bytes, whatever the writer floods. */
export class OutputTail {
  private lines: string[] = [];
  private partial = '';
  private totalBytes = 0;

  constructor(
    private readonly maxLines = 40,
    private readonly maxLineLength = 400,
  ) {}

  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.totalBytes += text.length;
    const parts = (this.partial + text).split('\n');
    this.partial = (parts.pop() ?? '').slice(-this.maxLineLength);
    for (const line of parts.slice(-this.maxLines)) this.lines.push(line.slice(0, this.maxLineLength));
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
  }

  /** Total characters seen, including those dropped. */
  get bytesSeen(): number {
    return this.totalBytes;
  }

  tail(n = this.maxLines): string[] {
    const all = this.partial ? [...this.lines, this.partial] : [...this.lines];
    return all.slice(-n);
  }
}
