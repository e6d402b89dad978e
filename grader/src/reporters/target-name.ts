import { tmpdir } from 'node:os';
import type { RunReport } from '../types.js';

/** The target as a student reads it: a submission graded from an internal copy is named by its folder alone. */
export function displayTarget(report: RunReport): string {
  const dir = submissionDir(report);
  if (dir === undefined || !isInternalPath(dir)) return report.target.description;
  return report.target.description.replace(dir, dir.split('/').filter(Boolean).pop() ?? dir);
}

export function submissionDir(report: RunReport): string | undefined {
  if (report.target.kind !== 'submission') return undefined;
  return /^submission (.+) \(make/.exec(report.target.description)?.[1];
}

export const isInternalPath = (dir: string) =>
  dir.startsWith(tmpdir()) || dir.startsWith('/tmp/') || dir.includes('proxylab-');
