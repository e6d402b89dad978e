import type { RunReport } from '../../types.js';
import { writeOutput } from '../output.js';
import type { Reporter, ReporterOptions } from '../types.js';
import { renderHtmlReport } from './page.js';

/** `--format html[:FILE]`: one self-contained page per submission (no script, no external resource). */
export class HtmlReporter implements Reporter {
  readonly #options: ReporterOptions;

  constructor(options: ReporterOptions) {
    this.#options = options;
  }

  onRunEnd(report: RunReport): Promise<void> {
    return writeOutput(this.#options.out, renderHtmlReport(report), 'html');
  }
}
