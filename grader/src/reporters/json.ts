import type { RunReport } from '../types.js';
import { writeOutput } from './output.js';
import type { Reporter, ReporterOptions } from './types.js';

/** The JSON format is the RunReport itself (schemaVersion 1), documented in grader/REPORT-SCHEMA.md. */
export type JsonReport = RunReport;

export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report satisfies JsonReport, null, 2)}\n`;
}

export class JsonReporter implements Reporter {
  readonly #options: ReporterOptions;

  constructor(options: ReporterOptions) {
    this.#options = options;
  }

  onRunEnd(report: RunReport): Promise<void> {
    return writeOutput(this.#options.out, renderJson(report), 'json');
  }
}
