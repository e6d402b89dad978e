/**
 * A timeout whose deadline moves often (every chunk relayed, every phase of an exchange) with one timer.
 * Moving the deadline later only records it: the timer, when it fires before the deadline, re-arms
 * itself for the rest. Moving it earlier re-arms the timer at once. `onExpire` runs once the deadline
 * has passed (never before it), unless the deadline was cancelled or moved again meanwhile.
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (performance.now() time). */
  private timerDueMs = 0;
  private deadlineMs = 0;

  constructor(private readonly onExpire: () => void) {}

  /** Sets the deadline `ms` from now, replacing the previous one. */
  setIn(ms: number): void {
    const now = performance.now();
    this.deadlineMs = now + ms;
    if (this.timer !== undefined && this.timerDueMs <= this.deadlineMs) return;
    this.arm(ms, now);
  }

  cancel(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number, now: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerDueMs = now + ms;
    this.timer = setTimeout(this.check, ms);
  }

  private readonly check = (): void => {
    this.timer = undefined;
    const now = performance.now();
    const remainingMs = this.deadlineMs - now;
    // Node's timers count whole milliseconds of loop time, so they may fire a fraction early.
    if (remainingMs > 0) this.arm(Math.ceil(remainingMs), now);
    else this.onExpire();
  };
}
