import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Rubric } from '../types.js';
import { RubricError } from './errors.js';
import { locateJsonError } from './json-position.js';
import { BUNDLED_RUBRICS, bundledRubricUrl, isBundledRubric } from './rubric-files.js';
import { validateRubric } from './validate-rubric.js';

/**
 * Loads a bundled rubric ('default', 'cmu') or a rubric file (a path), validated against the schema and against
 * the checks the grader knows. Every problem is a RubricError: one sentence, then details.
 */
export async function loadRubric(nameOrPath: string, knownCheckIds: ReadonlySet<string>): Promise<Rubric> {
  if (isBundledRubric(nameOrPath)) {
    const label = `bundled rubric "${nameOrPath}"`;
    const text = await readFile(bundledRubricUrl(nameOrPath), 'utf8');
    return validateRubric(parseRubricJson(text, label), knownCheckIds, label, nameOrPath);
  }
  const label = `rubric file ${nameOrPath}`;
  const text = await readRubricFile(nameOrPath, label);
  return validateRubric(
    parseRubricJson(text, label),
    knownCheckIds,
    label,
    basename(nameOrPath, extname(nameOrPath)),
  );
}

async function readRubricFile(path: string, label: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new RubricError(`The ${label} does not exist.`, {
        cause: error,
        details: [
          `--rubric takes a bundled rubric (${BUNDLED_RUBRICS.join(', ')}) or the path of a JSON rubric file.`,
        ],
      });
    }
    if (code === 'EISDIR') {
      throw new RubricError(`The ${label} is a directory, not a JSON file.`, { cause: error });
    }
    throw new RubricError(`The ${label} could not be read (${code ?? String(error)}).`, { cause: error });
  }
}

function parseRubricJson(text: string, label: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const where = locateJsonError(body);
    const at = where ? ` at line ${where.line}, column ${where.column} (position ${where.offset})` : '';
    const line = where ? body.split('\n')[where.line - 1] : undefined;
    const details = [(error as Error).message];
    if (line !== undefined && where) details.push(`  ${line}`, `  ${' '.repeat(where.column - 1)}^`);
    throw new RubricError(`The ${label} is not valid JSON${at}.`, { cause: error, details });
  }
}
