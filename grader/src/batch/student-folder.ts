import { lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reporters } from '../reporters/index.js';
import type { GradescopeVisibilityOptions } from '../reporters/types.js';
import type { Lang, RunReport } from '../types.js';
import type { StudentFormat } from './formats.js';
import type { StudentOutcome } from './types.js';

/** What the batch remembers about a student between runs (meta.json). */
export interface StudentMeta extends Omit<StudentOutcome, 'resumed'> {
  /** sha256 of the settings that change a score (rubric, limits, formats, grader version) */
  configKey: string;
  gradedAt: string;
}

const MAX_REPORT_BYTES = 32 * 1024 * 1024;

/** Reads the child's report.json, refusing anything but a plain file of sane size (never following a link). */
export async function readChildFile(path: string): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isFile() || info.size > MAX_REPORT_BYTES) return undefined;
  return readFile(path, 'utf8');
}

export async function readMeta(outDir: string, student: string): Promise<StudentMeta | undefined> {
  const text = await readFile(join(outDir, student, 'meta.json'), 'utf8').catch(() => undefined);
  try {
    return text ? (JSON.parse(text) as StudentMeta) : undefined;
  } catch {
    return undefined;
  }
}

export interface StudentFiles {
  /** the validated (or synthesized) report to keep; undefined only for a grader error */
  report?: RunReport;
  formats: StudentFormat[];
  graderLog: string;
  lang: Lang;
  /** Gradescope's test and log visibility (batch --visibility, --stdout-visibility) */
  gradescope?: GradescopeVisibilityOptions;
}

/**
 * Replaces the student's folder in the out dir: reports, build.log, proxy.log, grader.log and meta.json. Every
 * report format is rendered here from `report`; nothing a job wrote is ever copied.
 */
export async function writeStudentFolder(
  outDir: string,
  meta: StudentMeta,
  files: StudentFiles,
): Promise<void> {
  const dir = join(outDir, meta.student);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const { report } = files;
  if (report) {
    for (const format of files.formats) {
      const target = join(dir, format.file);
      if (format.name === 'json') await writeFile(target, `${JSON.stringify(report, null, 2)}\n`);
      else
        await reporters[format.name]({
          out: target,
          lang: files.lang,
          color: false,
          verbose: false,
          env: {},
          gradescope: files.gradescope,
        }).onRunEnd(report);
    }
    await writeFile(join(dir, 'build.log'), renderBuildLog(report));
    await writeFile(join(dir, 'proxy.log'), renderProxyLog(report));
  }
  await writeFile(join(dir, 'grader.log'), files.graderLog);
  await writeFile(join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}

/** Lines the student's programs printed are shown as they came, but no more than this many, this long. */
const MAX_LOG_LINES = 200;
const MAX_LINE_CHARS = 2000;

function untrusted(lines: readonly string[]): string {
  const kept = lines.slice(-MAX_LOG_LINES).map((line) => {
    // control characters other than tab become visible escapes, so a log cannot redraw a terminal
    const text = line.replace(
      /[\u0000-\u0008\u000b-\u001f\u007f]/g,
      (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
    return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)} [...]` : text;
  });
  const dropped = lines.length - kept.length;
  return [...(dropped > 0 ? [`[... ${dropped} earlier lines left out ...]`] : []), ...kept].join('\n');
}

function renderBuildLog(report: RunReport): string {
  if (!report.build)
    return 'No build step ran (the grading stopped before make, or make had nothing to do).\n';
  const head = report.build.ok ? `make succeeded in ${report.build.durationMs} ms` : 'make failed';
  return `${head}; its last output lines (the submission's own text):\n${untrusted(report.build.outputTail)}\n`;
}

function renderProxyLog(report: RunReport): string {
  const lines = [`# ${untrusted([report.target.description])}`];
  if (report.target.notes.length > 0)
    lines.push(
      '',
      '## Notes (the sandbox, and why the proxy did not start when it did not)',
      untrusted(report.target.notes),
    );
  for (const crash of report.crashes) {
    const how = crash.signal ? `killed by ${crash.signal}` : `exit code ${crash.exitCode}`;
    lines.push(
      '',
      `## The proxy died during ${untrusted([crash.checkId])} (${how}); its last output:`,
      untrusted(crash.outputTail),
    );
  }
  if (report.crashes.length === 0 && report.targetStarted)
    lines.push('', 'The proxy never died during the run.');
  return `${lines.join('\n')}\n`;
}
