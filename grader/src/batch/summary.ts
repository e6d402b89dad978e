import { relative } from 'node:path';
import { formatDuration } from './progress.js';
import type { BatchSummary } from './types.js';

/** The end-of-batch summary for a TA: counts, scores, what needs a look, where the files are. */
export function renderSummary(summary: BatchSummary, cwd = process.cwd()): string {
  const { students } = summary;
  const count = (status: string) => students.filter((s) => s.status === status).length;
  const lines = [
    `Graded ${summary.graded} submission(s)${summary.resumed ? `, kept ${summary.resumed} unchanged` : ''} in ${formatDuration(
      summary.wallMs,
    )} with ${summary.jobs} job(s)${summary.shard ? ` (shard ${summary.shard.index}/${summary.shard.count})` : ''}.`,
  ];
  if (students.length > 0) {
    lines.push(
      `Scores (of ${summary.maxScore}): mean ${summary.meanScore ?? '–'}, median ${summary.medianScore ?? '–'}; ` +
        `${students.filter((s) => s.score !== null && s.score >= summary.maxScore).length} full marks, ` +
        `${count('build-failed')} build failed, ${count('not-started')} never listened, ${count('wall-timeout')} over the wall budget.`,
    );
  }
  const problems = students.filter((s) => s.status === 'grader-error' || s.status === 'wall-timeout');
  if (problems.length > 0) {
    lines.push(`Need a look (${problems.length}; retried on the next run):`);
    for (const s of problems.slice(0, 20)) lines.push(`  ${s.student}: ${s.status}: ${s.reason ?? ''}`);
    if (problems.length > 20) lines.push(`  ... and ${problems.length - 20} more (see gradebook.csv)`);
  }
  const sandbox = summary.sandbox;
  lines.push(
    `Sandbox: ${sandbox.mode === 'namespace' ? `namespaces (${sandbox.flavor})` : sandbox.mode === 'docker' ? 'docker' : 'none'}${
      sandbox.jail ? "; make and ./proxy jailed (bubblewrap) as each job's own uid" : ''
    }. ${sandbox.notes[0] ?? ''}`,
  );
  const show = (path: string) => {
    const rel = relative(cwd, path);
    return rel.startsWith('..') ? path : rel || '.';
  };
  lines.push(
    `Wrote ${show(summary.files.gradebook)}, ${show(summary.files.canvas)}, ${show(summary.files.overview)} and one folder per student in ${show(summary.outDir)}.`,
  );
  return `${lines.join('\n')}\n`;
}
