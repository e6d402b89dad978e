import type { CheckResult, RunReport, SuiteId } from '../types.js';
import { createPaint, type Paint } from './ansi.js';
import { type Messages, messagesFor } from './messages.js';
import { writeOutput } from './output.js';
import { markFor, renderTerminalSummary } from './terminal-summary.js';
import { checkStatus, formatDuration, formatPoints, sanitizeText, statusLabel } from './text.js';
import type { Reporter, ReporterOptions, RunStartInfo } from './types.js';

/**
 * Human output: one progress line per check as it ends, then the summary. To a stream, lines appear live; to a
 * file path, the whole transcript is written at the end.
 */
export class TerminalReporter implements Reporter {
  readonly #options: ReporterOptions;
  readonly #paint: Paint;
  readonly #m: Messages;
  readonly #transcript: string[] = [];

  constructor(options: ReporterOptions) {
    this.#options = options;
    this.#paint = createPaint(options.color);
    this.#m = messagesFor(options.lang);
  }

  onRunStart(info: RunStartInfo): void {
    const m = this.#m;
    const line = `proxylab-grade · ${m.target}: ${sanitizeText(info.target.description)} · ${m.rubric}: ${info.rubric} · ${m.checksToRun(info.checkCount)}`;
    this.#emit(`${this.#paint.bold(line)}\n`);
  }

  onCheckEnd(_suiteId: SuiteId, result: CheckResult): void {
    const status = checkStatus(result);
    const points = `${formatPoints(result.score)}/${formatPoints(result.maxScore)} ${this.#m.points}`;
    const extra =
      status === 'skipped'
        ? `  ${this.#m.skipped}: ${sanitizeText(result.skipped ?? '')}`
        : status === 'timed-out' || status === 'crashed'
          ? `  ${statusLabel(status, this.#m)}`
          : '';
    const line = `  ${markFor(result, this.#paint)} ${result.id}  ${points}  ${formatDuration(result.durationMs)}`;
    this.#emit(`${line}${this.#paint.dim(extra)}\n`);
  }

  async onRunEnd(report: RunReport): Promise<void> {
    const summary = renderTerminalSummary(report, { paint: this.#paint, verbose: this.#options.verbose });
    const { out } = this.#options;
    if (typeof out === 'string') {
      await writeOutput(out, this.#transcript.join('') + summary, 'terminal');
    } else {
      await writeOutput(out, summary, 'terminal');
    }
  }

  #emit(text: string): void {
    const { out } = this.#options;
    if (typeof out === 'string') this.#transcript.push(text);
    else (out ?? process.stdout).write(text);
  }
}
