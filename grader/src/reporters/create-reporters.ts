import { FormatError } from './errors.js';
import { isReporterName, REPORTER_NAMES, type ReporterName, reporters } from './registry.js';
import type { Reporter, ReporterOptions } from './types.js';

export interface FormatSpec {
  name: ReporterName;
  /** The file after `FMT:`, when one was given. */
  file?: string;
}

/** Parses one `--format` value: `FMT` or `FMT:FILE` (the file may itself contain colons). */
export function parseFormatSpec(spec: string): FormatSpec {
  const colon = spec.indexOf(':');
  const name = (colon === -1 ? spec : spec.slice(0, colon)).trim().toLowerCase();
  const file = colon === -1 ? undefined : spec.slice(colon + 1).trim();
  if (!isReporterName(name)) {
    throw new FormatError(`--format ${JSON.stringify(spec)} names no report format the grader has.`, [
      `Formats: ${REPORTER_NAMES.join(', ')}; write FMT or FMT:FILE, e.g. --format junit:report.xml.`,
    ]);
  }
  if (file === '') {
    throw new FormatError(`--format ${JSON.stringify(spec)} has a colon but no file name after it.`, [
      `Write ${name} to print to stdout, or ${name}:FILE to write a file.`,
    ]);
  }
  return file === undefined ? { name } : { name, file };
}

/**
 * Builds the reporters for `--format` values. A spec without a file writes to `options.out` (default stdout).
 * An autolab reporter is placed last, so that its autoresult is the last line on stdout.
 */
export function createReporters(
  specs: readonly string[],
  options: Omit<ReporterOptions, 'out'> & { out?: ReporterOptions['out'] },
): Reporter[] {
  const parsed = specs.map(parseFormatSpec);
  const ordered = [
    ...parsed.filter((s) => s.name !== 'autolab'),
    ...parsed.filter((s) => s.name === 'autolab'),
  ];
  return ordered.map((spec) => reporters[spec.name]({ ...options, out: spec.file ?? options.out }));
}
