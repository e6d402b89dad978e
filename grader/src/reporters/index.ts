export { type AutolabAutoresult, AutolabReporter, toAutolabAutoresult } from './autolab.js';
export {
  type ClassroomResult,
  ClassroomReporter,
  type ClassroomStatus,
  type ClassroomTest,
  encodeClassroomResult,
  toClassroomResult,
} from './classroom.js';
export { createReporters, type FormatSpec, parseFormatSpec } from './create-reporters.js';
export { FormatError, ReportWriteError } from './errors.js';
export {
  type GradescopeOutputFormat,
  GradescopeReporter,
  type GradescopeResults,
  type GradescopeTest,
  type GradescopeVisibility,
  toGradescopeResults,
} from './gradescope.js';
export { type JsonReport, JsonReporter, renderJson } from './json.js';
export {
  type JunitTestCase,
  type JunitTestSuite,
  type JunitTestSuites,
  JunitReporter,
  renderJunitXml,
  toJunitModel,
} from './junit.js';
export { MarkdownReporter, renderMarkdown } from './markdown.js';
export { isReporterName, REPORTER_NAMES, type ReporterName, reporters } from './registry.js';
export { type ReporterFanOut, runReporters } from './run-reporters.js';
export { TerminalReporter } from './terminal.js';
export { renderTerminalSummary } from './terminal-summary.js';
export type { OutTarget, Reporter, ReporterOptions, RunStartInfo } from './types.js';
