// Rebuilds the validity rows from the run lines `--save-reports` wrote, so a run stopped early (or one to be
// re-read) still gives its matrix: every fixture with as many runs as it completed.
import { readFileSync } from 'node:fs';
import { loadRubric } from '../scoring/rubric.js';
import { checkRegistry } from '../suites/index.js';
import { assessRow, type ValidityRow } from './assess-row.js';
import type { GradedRun } from './graded-run.js';
import { corpusNames } from './run-validity.js';

export async function rowsFromSaved(file: string, only?: string[]): Promise<ValidityRow[]> {
  const rubric = await loadRubric('default', new Set(checkRegistry.keys()));
  const allIds = rubric.suites.flatMap((s) => Object.keys(s.checks));
  const runs = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GradedRun);
  return corpusNames()
    .filter((name) => (!only || only.includes(name)) && runs.some((r) => r.name === name))
    .map((name) =>
      assessRow(
        name,
        runs.filter((r) => r.name === name).sort((a, b) => a.index - b.index),
        allIds,
      ),
    );
}
