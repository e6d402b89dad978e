import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang, Rubric, RunReport } from '../../types.js';
import { overviewLabelsFor } from './labels.js';
import { rubricMaxScore } from '../../scoring/score.js';
import type { StudentOutcome, StudentStatus } from '../types.js';

export interface OverviewStudent {
  student: string;
  /** the roster's name for this folder */
  name?: string;
  status: StudentStatus;
  score: number | null;
  maxScore: number;
  suites: Record<string, number>;
  reason?: string;
  /** files in the student's folder, relative to the out dir */
  links: Array<{ label: string; href: string }>;
}

export interface OverviewCheck {
  id: string;
  suite: string;
  title: string;
  points: number;
  passed: number;
  /** graded students whose report ran this check (skipped ones not counted) */
  total: number;
  /** the hint failing students were shown most often */
  hint?: string;
  /** the graded students who failed it, each with a link to that check in their report */
  failedBy: Array<{ student: string; href: string }>;
}

export interface OverviewModel {
  lang: Lang;
  title: string;
  generatedAt: string;
  rubric: string;
  maxScore: number;
  suiteIds: string[];
  sandbox: string;
  students: OverviewStudent[];
  /** submissions whose proxy ran (status graded): the per-check rates are over these */
  ranCount: number;
  /** most-failed first */
  checks: OverviewCheck[];
  histogram: Array<{ from: number; to: number; count: number }>;
}

const href = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

/** Reads every student's report.json from `outDir` and computes what the overview shows. */
export async function buildOverviewModel(options: {
  outDir: string;
  students: readonly StudentOutcome[];
  rubric: Rubric;
  sandbox: string;
  files: (student: string) => string[];
  lang?: Lang;
  /** a display name per folder (the roster's), when known */
  nameOf?: (student: string) => string | undefined;
}): Promise<OverviewModel> {
  const lang = options.lang ?? 'en';
  const { rubric } = options;
  const stats = new Map<
    string,
    Omit<OverviewCheck, 'failedBy'> & { hints: Map<string, number>; failedBy: OverviewCheck['failedBy'] }
  >();
  for (const suite of rubric.suites) {
    for (const [id, points] of Object.entries(suite.checks)) {
      stats.set(id, {
        id,
        suite: suite.id,
        title: id,
        points,
        passed: 0,
        total: 0,
        hints: new Map(),
        failedBy: [],
      });
    }
  }
  const students: OverviewStudent[] = [];
  let ranCount = 0;
  for (const outcome of options.students) {
    // a proxy that never ran fails every check for one reason: counting it would hide which checks the class fails
    const ran = outcome.status === 'graded';
    const report = ran ? await readReport(join(options.outDir, outcome.student, 'report.json')) : undefined;
    if (report) ranCount += 1;
    for (const check of report?.suites.flatMap((s) => s.checks) ?? []) {
      const stat = stats.get(check.id);
      if (!stat || check.skipped) continue;
      stat.title = check.title;
      stat.total += 1;
      if (check.passed) {
        stat.passed += 1;
        continue;
      }
      if (check.hint) stat.hints.set(check.hint, (stat.hints.get(check.hint) ?? 0) + 1);
      const page = options.files(outcome.student).includes('report.html') ? 'report.html' : 'report.json';
      const label = options.nameOf?.(outcome.student) ?? outcome.student;
      stat.failedBy.push({
        student: label,
        href: `${href(outcome.student, page)}#${encodeURIComponent(check.id)}`,
      });
    }
    students.push({
      name: options.nameOf?.(outcome.student),
      student: outcome.student,
      status: outcome.status,
      score: outcome.score,
      maxScore: outcome.score === null ? rubricMaxScore(rubric) : outcome.maxScore,
      suites: outcome.suites,
      reason: outcome.reason,
      links: options
        .files(outcome.student)
        .map((file) => ({ label: file, href: href(outcome.student, file) })),
    });
  }
  const rate = (c: OverviewCheck) => (c.total ? c.passed / c.total : 1);
  const checks = [...stats.values()]
    .map(({ hints, ...check }) => ({ ...check, hint: [...hints].sort((a, b) => b[1] - a[1])[0]?.[0] }))
    .sort((a, b) => rate(a) - rate(b) || a.id.localeCompare(b.id));
  const maxScore = rubricMaxScore(rubric);
  return {
    lang,
    title: overviewLabelsFor(lang).title(students.length),
    generatedAt: new Date().toISOString(),
    rubric: rubric.name,
    maxScore,
    suiteIds: rubric.suites.map((s) => s.id),
    sandbox: options.sandbox,
    students,
    ranCount,
    checks,
    histogram: histogramOf(
      students.flatMap((s) => (s.score === null ? [] : [s.score])),
      maxScore,
    ),
  };
}

/** Ten equal bins over [0, max]; the last one includes max. */
export function histogramOf(scores: number[], max: number): OverviewModel['histogram'] {
  const bins = Array.from({ length: 10 }, (_, i) => ({
    from: (max * i) / 10,
    to: (max * (i + 1)) / 10,
    count: 0,
  }));
  for (const score of scores) {
    const i = max > 0 ? Math.min(9, Math.max(0, Math.floor((score / max) * 10))) : 0;
    (bins[i] as { count: number }).count += 1;
  }
  return bins;
}

async function readReport(path: string): Promise<RunReport | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as RunReport;
  } catch {
    return undefined;
  }
}
