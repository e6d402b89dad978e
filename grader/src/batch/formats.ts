import { basename } from 'node:path';
import { UsageError } from '../errors.js';
import { parseFormatSpec, type ReporterName } from '../reporters/index.js';

/** One report file written into every student's folder. */
export interface StudentFormat {
  name: ReporterName;
  /** file name inside the student's folder */
  file: string;
}

const DEFAULT_FILES: Record<ReporterName, string> = {
  json: 'report.json',
  terminal: 'report.txt',
  junit: 'report.junit.xml',
  gradescope: 'results.json',
  autolab: 'autoresult.txt',
  classroom: 'classroom-output.txt',
  markdown: 'report.md',
  html: 'report.html',
};

/**
 * `--format` in a batch names a format and, optionally, the file name it gets in each student's folder
 * (`junit`, `markdown:feedback.md`). The JSON report (report.json) is always written: the gradebook reads it; so
 * is the student's HTML page (report.html), which the overview links to.
 */
export function resolveStudentFormats(specs: readonly string[] = []): StudentFormat[] {
  // report.json feeds the gradebook; report.html is the page the overview links each student to
  const formats: StudentFormat[] = [
    { name: 'json', file: DEFAULT_FILES.json },
    { name: 'html', file: DEFAULT_FILES.html },
  ];
  for (const spec of specs) {
    const parsed = parseFormatSpec(spec);
    const file = parsed.file ?? DEFAULT_FILES[parsed.name];
    if (file !== basename(file) || file.startsWith('.') || RESERVED.has(file)) {
      throw new UsageError(
        `--format ${spec}: in a batch, the part after ':' is a plain file name in each student folder.`,
        [`Not a path, not hidden, and none of ${[...RESERVED].join(', ')}.`],
      );
    }
    if ((parsed.name === 'json' || parsed.name === 'html') && file === DEFAULT_FILES[parsed.name]) continue;
    if (formats.some((f) => f.file === file))
      throw new UsageError(`--format ${spec}: two formats would write ${file}.`);
    formats.push({ name: parsed.name, file });
  }
  return formats;
}

/** Files the batch itself writes into a student's folder. */
export const RESERVED = new Set(['meta.json', 'build.log', 'proxy.log', 'grader.log']);
