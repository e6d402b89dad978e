import type { StudentOutcome } from './types.js';

/** Formats a duration as '42 s', '3m05s' or '1h02m'. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function describeOutcome(outcome: StudentOutcome): string {
  const score = outcome.score === null ? 'no score' : `${outcome.score}/${outcome.maxScore}`;
  const how = outcome.resumed
    ? 'unchanged, kept'
    : `${outcome.status}, ${formatDuration(outcome.durationMs)}`;
  return `${outcome.student} ${score} (${how}${outcome.reason ? `: ${outcome.reason}` : ''})`;
}

/**
 * Progress on stderr: on a terminal, one live line (done/total, running students, ETA) redrawn in place with a
 * line per finished student above it; otherwise one plain line per finished student.
 */
export class BatchProgress {
  private done = 0;
  private readonly running = new Set<string>();
  private readonly durations: number[] = [];
  private readonly started = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private readonly tty: boolean;

  constructor(
    private readonly out: NodeJS.WritableStream | false,
    private readonly total: number,
    private readonly jobs: number,
  ) {
    this.tty = out !== false && Boolean((out as NodeJS.WriteStream).isTTY);
    if (this.tty) {
      this.timer = setInterval(() => this.draw(), 1000);
      this.timer.unref();
    }
  }

  start(student: string): void {
    this.running.add(student);
    this.draw();
  }

  finish(outcome: StudentOutcome): void {
    this.running.delete(outcome.student);
    this.done += 1;
    if (!outcome.resumed) this.durations.push(outcome.durationMs);
    this.write(`${this.tty ? '\r\x1b[K' : ''}[${this.done}/${this.total}] ${describeOutcome(outcome)}\n`);
    this.draw();
  }

  close(): void {
    clearInterval(this.timer);
    if (this.tty) this.write('\r\x1b[K');
  }

  /** Estimated time left: the mean grading time so far × what is left, spread over the jobs. */
  eta(): number | undefined {
    if (this.durations.length === 0) return undefined;
    const mean = this.durations.reduce((a, b) => a + b, 0) / this.durations.length;
    const left = this.total - this.done;
    return (left * mean) / Math.max(1, Math.min(this.jobs, left));
  }

  private draw(): void {
    if (!this.tty) return;
    const percent = this.total ? Math.floor((this.done / this.total) * 100) : 100;
    const eta = this.eta();
    const names = [...this.running].slice(0, 3).join(', ') + (this.running.size > 3 ? ', ...' : '');
    const line = `[${this.done}/${this.total}] ${percent}% · ${formatDuration(performance.now() - this.started)} elapsed · ETA ${
      eta === undefined ? '?' : formatDuration(eta)
    }${names ? ` · grading ${names}` : ''}`;
    const width = (this.out as NodeJS.WriteStream).columns ?? 100;
    this.write(`\r\x1b[K${line.slice(0, Math.max(20, width - 1))}`);
  }

  private write(text: string): void {
    if (this.out !== false) this.out.write(text);
  }
}
