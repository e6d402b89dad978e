import { writeFile } from 'node:fs/promises';
import type { Rubric } from '../types.js';
import { csvLine } from './csv.js';
import type { StudentOutcome } from './types.js';

/** gradebook.csv: student, status, total, max, one column per suite, one per check, then the reason. */
export function renderGradebook(students: readonly StudentOutcome[], rubric: Rubric): string {
  const suiteIds = rubric.suites.map((s) => s.id);
  const checkIds = rubric.suites.flatMap((s) => Object.keys(s.checks));
  const max = rubricMax(rubric);
  let text = csvLine(['student', 'status', 'total', 'max', ...suiteIds, ...checkIds, 'reason']);
  for (const s of students) {
    const scored = s.score !== null;
    text += csvLine([
      s.student,
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
 * "Points Possible" row. The folder name goes in Student and SIS Login ID (rename folders to logins, or fill ID
 * from a Canvas export, before importing). A student without a score has an empty cell, which Canvas leaves as is.
 */
export function renderCanvasGradebook(
  students: readonly StudentOutcome[],
  rubric: Rubric,
  assignment: string,
): string {
  let text = csvLine(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', assignment]);
  text += csvLine(['Points Possible', '', '', '', '', rubricMax(rubric)]);
  for (const s of students) text += csvLine([s.student, '', '', s.student, '', s.score]);
  return text;
}

export function rubricMax(rubric: Rubric): number {
  const total = rubric.suites.reduce((n, s) => n + Object.values(s.checks).reduce((a, b) => a + b, 0), 0);
  return Math.round(total * 100) / 100;
}

export async function writeGradebooks(
  paths: { gradebook: string; canvas: string },
  students: readonly StudentOutcome[],
  rubric: Rubric,
  assignment: string,
): Promise<void> {
  await writeFile(paths.gradebook, renderGradebook(students, rubric));
  await writeFile(paths.canvas, renderCanvasGradebook(students, rubric, assignment));
}
