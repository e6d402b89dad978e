import { AutolabReporter } from './autolab.js';
import { ClassroomReporter } from './classroom.js';
import { GradescopeReporter } from './gradescope.js';
import { HtmlReporter } from './html/html-reporter.js';
import { JsonReporter } from './json.js';
import { JunitReporter } from './junit.js';
import { MarkdownReporter } from './markdown.js';
import { TerminalReporter } from './terminal.js';
import type { Reporter, ReporterOptions } from './types.js';

/** Every report format, by the name `--format` takes. */
export const reporters = {
  terminal: (options: ReporterOptions): Reporter => new TerminalReporter(options),
  json: (options: ReporterOptions): Reporter => new JsonReporter(options),
  junit: (options: ReporterOptions): Reporter => new JunitReporter(options),
  gradescope: (options: ReporterOptions): Reporter => new GradescopeReporter(options),
  autolab: (options: ReporterOptions): Reporter => new AutolabReporter(options),
  classroom: (options: ReporterOptions): Reporter => new ClassroomReporter(options),
  markdown: (options: ReporterOptions): Reporter => new MarkdownReporter(options),
  html: (options: ReporterOptions): Reporter => new HtmlReporter(options),
} satisfies Record<string, (options: ReporterOptions) => Reporter>;

export type ReporterName = keyof typeof reporters;

export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(reporters, name);
}
