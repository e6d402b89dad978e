// A batch's options with every default filled in, checked before anything is created.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  BATCH_WALL_MARGIN_SECONDS,
  DEFAULT_BUDGET_SECONDS,
  DEFAULT_MAKE_TIMEOUT_SECONDS,
  DEFAULT_RUBRIC,
} from '../defaults.js';
import { UsageError } from '../errors.js';
import { detectLang } from '../i18n.js';
import { loadRubric } from '../scoring/rubric.js';
import { checkRegistry } from '../suites/index.js';
import type { Lang, Rubric } from '../types.js';
import { GRADER_VERSION } from '../version.js';
import { resolveStudentFormats, type StudentFormat } from './formats.js';
import type { BatchOptions } from './types.js';

export interface BatchSettings {
  jobs: number;
  lang: Lang;
  /** the --rubric value: a bundled name or a file path */
  rubricArg: string;
  rubric: Rubric;
  formats: StudentFormat[];
  timeoutScale: number;
  budgetSeconds: number;
  makeTimeoutSeconds: number;
  wallMs: number;
  assignment: string;
  /** the hash of every setting a student's result depends on: a resumed result must have the same */
  configKey: string;
}

export async function resolveBatchSettings(options: BatchOptions): Promise<BatchSettings> {
  const jobs = options.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs must be a whole number ≥ 1 (got ${jobs}).`);
  const lang = options.lang ?? detectLang();
  const rubricArg = options.rubric ?? DEFAULT_RUBRIC;
  const rubric = await loadRubric(rubricArg, new Set(checkRegistry.keys()));
  const formats = resolveStudentFormats(options.formats);
  const timeoutScale = options.timeoutScale ?? 1;
  const budgetSeconds = options.budgetSeconds ?? DEFAULT_BUDGET_SECONDS;
  const makeTimeoutSeconds = options.makeTimeoutSeconds ?? DEFAULT_MAKE_TIMEOUT_SECONDS;
  const wallSeconds =
    options.wallSeconds ?? makeTimeoutSeconds + budgetSeconds * timeoutScale + BATCH_WALL_MARGIN_SECONDS;
  const settingsKey = {
    GRADER_VERSION,
    rubric,
    formats,
    timeoutScale,
    budgetSeconds,
    makeTimeoutSeconds,
    lang,
  };
  const configKey = createHash('sha256')
    .update(JSON.stringify({ ...settingsKey, seed: options.seed }))
    .digest('hex');
  return {
    jobs,
    lang,
    rubricArg,
    rubric,
    formats,
    timeoutScale,
    budgetSeconds,
    makeTimeoutSeconds,
    wallMs: wallSeconds * 1000,
    assignment: options.assignment ?? 'Proxy Lab',
    configKey,
  };
}
