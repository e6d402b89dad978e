import type { MeasuredCheck } from '../scoring/score.js';
import type { RunReport, SuiteId } from '../types.js';
import { createPaint, type Paint } from './ansi.js';
import { truncateDisplay } from './fit.js';
import { type Messages, messagesFor } from './messages.js';
import { writeOutput } from './output.js';
import { RunStatusLine } from './run-status-line.js';
import { renderTerminalSummary } from './terminal-summary.js';
import { displayWidth, sanitizeText } from './text.js';
import type { Reporter, ReporterOptions, RunStartInfo } from './types.js';

/**
 * Human output, one listing: a header line, then the table of every check once the run ends. On a TTY (`live`),
 * a `running: <check>` line is rewritten in place while work runs and cleared before the table; elsewhere (a pipe,
 * CI, a file) nothing is printed between the header and the table. To a file path, the whole text is written at
 * the end.
 */
export class TerminalReporter implements Reporter {
  readonly #options: ReporterOptions;
  readonly #paint: Paint;
  readonly #m: Messages;
  readonly #status: RunStatusLine | undefined;
  readonly #transcript: string[] = [];

  constructor(options: ReporterOptions) {
    this.#options = options;
    this.#paint = createPaint(options.color);
    this.#m = messagesFor(options.lang);
    const { out } = options;
    this.#status =
      typeof out !== 'string' && options.live
        ? new RunStatusLine(out ?? process.stdout, options.columns ?? 80, options.lang)
        : undefined;
  }

  onRunStart(info: RunStartInfo): void {
    const m = this.#m;
    const rest = ` · ${m.rubric}: ${info.rubric} · ${m.checksToRun(info.checkCount)}`;
    const target = `proxylab-grade · ${m.target}: ${sanitizeText(info.target.description)}`;
    const columns = this.#columns();
    // the target's description gives way first: the rubric and the number of checks stay readable
    const fitted = columns ? truncateDisplay(target, Math.max(20, columns - 1 - displayWidth(rest))) : target;
    this.#emit(`${this.#paint.bold(fitted + rest)}\n`);
    this.#status?.onRunStart(info);
  }

  onCheckStart(suiteId: SuiteId, checkId: string): void {
    this.#status?.onCheckStart(suiteId, checkId);
  }

  onCheckEnd(suiteId: SuiteId, result: MeasuredCheck): void {
    this.#status?.onCheckEnd(suiteId, result);
  }

  onRunAbort(): void {
    this.#status?.clear();
  }

  async onRunEnd(report: RunReport): Promise<void> {
    this.#status?.clear();
    const summary = renderTerminalSummary(report, {
      paint: this.#paint,
      verbose: this.#options.verbose,
      columns: this.#columns(),
    });
    const { out } = this.#options;
    await writeOutput(
      out,
      typeof out === 'string' ? this.#transcript.join('') + summary : summary,
      'terminal',
    );
  }

  /** The width to fit: stdout's (given by the CLI), none for a file. */
  #columns(): number | undefined {
    return typeof this.#options.out === 'string' ? undefined : this.#options.columns;
  }

  #emit(text: string): void {
    const { out } = this.#options;
    if (typeof out === 'string') this.#transcript.push(text);
    else (out ?? process.stdout).write(text);
  }
}
