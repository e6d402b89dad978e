import { lstat, mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reporters } from '../reporters/index.js';
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

/** Reads a file the child wrote, refusing anything but a plain file of sane size (a student shares its uid). */
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
  /** the report to keep; undefined only for a grader error */
  report?: RunReport;
  /** true: the report is the child's, whose files in `childOutDir` are copied; false: render them here */
  fromChild: boolean;
  childOutDir: string;
  formats: StudentFormat[];
  graderLog: string;
  lang: Lang;
}

/** Replaces the student's folder in the out dir: reports, build.log, proxy.log, grader.log and meta.json. */
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
      const source = join(files.childOutDir, format.file);
      const copied = files.fromChild && (await lstat(source).catch(() => undefined))?.isFile();
      if (format.name === 'json') await writeFile(target, `${JSON.stringify(report, null, 2)}\n`);
      else if (copied) await copyFile(source, target);
      else
        await reporters[format.name]({
          out: target,
          lang: files.lang,
          color: false,
          verbose: false,
          env: {},
        }).onRunEnd(report);
    }
    await writeFile(join(dir, 'build.log'), renderBuildLog(report));
    await writeFile(join(dir, 'proxy.log'), renderProxyLog(report));
  }
  await writeFile(join(dir, 'grader.log'), files.graderLog);
  await writeFile(join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}

function renderBuildLog(report: RunReport): string {
  if (!report.build)
    return 'No build step ran (the grading stopped before make, or make had nothing to do).\n';
  const head = report.build.ok ? `make succeeded in ${report.build.durationMs} ms` : 'make failed';
  return `${head}; its last output lines:\n${report.build.outputTail.join('\n')}\n`;
}

function renderProxyLog(report: RunReport): string {
  const lines = [`# ${report.target.description}`];
  if (report.target.notes.length > 0)
    lines.push('', '## Notes (why the proxy did not start, when it did not)', ...report.target.notes);
  for (const crash of report.crashes) {
    const how = crash.signal ? `killed by ${crash.signal}` : `exit code ${crash.exitCode}`;
    lines.push(
      '',
      `## The proxy died during ${crash.checkId} (${how}); its last output:`,
      ...crash.outputTail,
    );
  }
  if (report.crashes.length === 0 && report.targetStarted)
    lines.push('', 'The proxy never died during the run.');
  return `${lines.join('\n')}\n`;
}
