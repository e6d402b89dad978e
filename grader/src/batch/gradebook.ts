import { writeFile } from 'node:fs/promises';
import type { Rubric } from '../types.js';
import { rubricMaxScore } from '../scoring/score.js';
import { csvLine } from './csv.js';
import type { Roster } from './roster.js';
import type { StudentOutcome } from './types.js';

/** A UTF-8 byte order mark: without it Excel reads a CSV in the machine's code page and garbles Korean names. */
export const CSV_BOM = '\uFEFF';

/**
 * gradebook.csv: student, status, total, max, one column per suite, one per check, then the reason; with a roster,
 * name, login and sis_id follow the student folder.
 */
export function renderGradebook(
  students: readonly StudentOutcome[],
  rubric: Rubric,
  roster?: Roster,
): string {
  const suiteIds = rubric.suites.map((s) => s.id);
  const checkIds = rubric.suites.flatMap((s) => Object.keys(s.checks));
  const max = rubricMaxScore(rubric);
  const who = roster ? ['name', 'login', 'sis_id'] : [];
  let text =
    CSV_BOM + csvLine(['student', ...who, 'status', 'total', 'max', ...suiteIds, ...checkIds, 'reason']);
  for (const s of students) {
    const scored = s.score !== null;
    const entry = roster?.find(s.student);
    text += csvLine([
      s.student,
      ...(roster ? [entry?.name ?? '', entry?.login ?? '', entry?.sisId ?? ''] : []),
      s.status,
      s.score,
      scored ? s.maxScore : max,
      ...suiteIds.map((id) => (scored ? (s.suites[id] ?? 0) : null)),
      ...checkIds.map((id) => (scored ? (s.checks[id] ?? 0) : null)),
      s.reason ?? '',
    ]);
  }
  return text;
}

/**
 * The Canvas gradebook import layout: Student, ID, SIS User ID, SIS Login ID, Section, then the assignment, with a
 * "Points Possible" row. Canvas matches a row by ID, SIS User ID or SIS Login ID: with a roster they come from it
 * (`--roster`); without one, or for a folder the roster lacks, the folder name goes in Student and SIS Login ID.
 * A student without a score has an empty cell, which Canvas leaves as is.
 */
export function renderCanvasGradebook(
  students: readonly StudentOutcome[],
  rubric: Rubric,
  assignment: string,
  roster?: Roster,
): string {
  let text = CSV_BOM + csvLine(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', assignment]);
  text += csvLine(['Points Possible', '', '', '', '', rubricMaxScore(rubric)]);
  for (const s of students) {
    const entry = roster?.find(s.student);
    text += entry
      ? csvLine([entry.name || s.student, '', entry.sisId, entry.login, entry.section, s.score])
      : csvLine([s.student, '', '', s.student, '', s.score]);
  }
  return text;
}

export async function writeGradebooks(
  paths: { gradebook: string; canvas: string },
  students: readonly StudentOutcome[],
  rubric: Rubric,
  assignment: string,
  roster?: Roster,
): Promise<void> {
  await writeFile(paths.gradebook, renderGradebook(students, rubric, roster));
  await writeFile(paths.canvas, renderCanvasGradebook(students, rubric, assignment, roster));
}
