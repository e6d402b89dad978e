/** Keeps the first and the last `halfBytes` of a stream, whatever a flood writes; what was dropped is counted. */
export class BoundedLog {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(private readonly halfBytes = 64 * 1024) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.headBytes < this.halfBytes) {
      const take = chunk.subarray(0, this.halfBytes - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      chunk = chunk.subarray(take.length);
      if (chunk.length === 0) return;
    }
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tail.length > 1 && this.tailBytes - (this.tail[0] as Buffer).length >= this.halfBytes) {
      this.tailBytes -= (this.tail.shift() as Buffer).length;
    }
  }

  get bytesSeen(): number {
    return this.total;
  }

  toString(): string {
    const tail = Buffer.concat(this.tail);
    const kept = tail.subarray(Math.max(0, tail.length - this.halfBytes));
    const dropped = this.total - this.headBytes - kept.length;
    const marker = dropped > 0 ? `\n[... ${dropped} bytes left out ...]\n` : '';
    return `${Buffer.concat(this.head).toString('utf8')}${marker}${kept.toString('utf8')}`;
  }
}
