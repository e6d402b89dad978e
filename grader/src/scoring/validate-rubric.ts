import type { ErrorObject } from 'ajv';
import type { Rubric, RubricSuite, SuiteId } from '../types.js';
import { RubricError } from './errors.js';
import { describeSchemaErrors, rubricSchemaValidator } from './rubric-schema.js';
import { suggestIds } from './suggest-ids.js';

interface Issue {
  sentence: string;
  details: string[];
}

interface RubricFileShape {
  name?: string;
  description?: string;
  freshTargetPerSuite?: boolean;
  restarts?: 'per-check' | 'per-suite';
  suites: RubricSuite[];
}

/**
 * Checks parsed rubric JSON against the schema and against the checks the grader knows, and returns the rubric.
 * `label` names it in messages ('rubric file ./mine.json'); `defaultName` is used when the file has no name.
 */
export async function validateRubric(
  data: unknown,
  knownCheckIds: ReadonlySet<string>,
  label: string,
  defaultName: string,
): Promise<Rubric> {
  if (countCheckEntries(data) === 0) throw emptyRubric(label);
  const validate = await rubricSchemaValidator();
  if (!validate(data)) throw schemaError(label, validate.errors ?? []);
  const file = data as RubricFileShape;
  const issues = [
    ...duplicateIssues(file.suites),
    ...prefixIssues(file.suites),
    ...unknownIssues(file.suites, knownCheckIds),
  ];
  if (issues.length > 0) throw combine(label, issues);
  if (file.suites.every((suite) => Object.values(suite.checks).every((points) => points === 0))) {
    throw emptyRubric(label);
  }
  return {
    name: file.name ?? defaultName,
    ...(file.description === undefined ? {} : { description: file.description }),
    ...(file.freshTargetPerSuite === undefined ? {} : { freshTargetPerSuite: file.freshTargetPerSuite }),
    ...(file.restarts === undefined ? {} : { restarts: file.restarts }),
    suites: file.suites.map((suite) => ({
      id: suite.id,
      scoring: suite.scoring ?? 'sum',
      checks: { ...suite.checks },
    })),
  };
}

function countCheckEntries(data: unknown): number | undefined {
  if (typeof data !== 'object' || data === null || !('suites' in data) || !Array.isArray(data.suites))
    return undefined;
  let count = 0;
  for (const suite of data.suites as unknown[]) {
    const checks =
      typeof suite === 'object' && suite !== null && 'checks' in suite ? suite.checks : undefined;
    if (typeof checks !== 'object' || checks === null) return undefined;
    count += Object.keys(checks).length;
  }
  return count;
}

function emptyRubric(label: string): RubricError {
  return new RubricError(`The ${label} has no points to give: it would grade every proxy 0/0.`, {
    details: [
      'List at least one suite with a check worth points, e.g. {"suites": [{"id": "basic", "checks": {"basic.html": 3}}]}.',
    ],
  });
}

function schemaError(label: string, errors: readonly ErrorObject[]): RubricError {
  const negative = errors.filter(
    (e) => e.keyword === 'minimum' && /^\/suites\/\d+\/checks\/./.test(e.instancePath),
  );
  const lines = describeSchemaErrors(errors);
  if (negative.length > 0) {
    const ids = negative.map((e) => decodePointerToken(e.instancePath.split('/')[4] ?? ''));
    return new RubricError(
      `The ${label} gives negative points to ${ids.join(', ')}; points must be 0 or more.`,
      {
        details: lines,
      },
    );
  }
  const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
  return new RubricError(`The ${label} does not match the rubric schema (${count}).`, { details: lines });
}

function decodePointerToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

function duplicateIssues(suites: RubricSuite[]): Issue[] {
  const issues: Issue[] = [];
  const seenSuites = new Set<SuiteId>();
  const suiteOf = new Map<string, SuiteId>();
  for (const suite of suites) {
    if (seenSuites.has(suite.id)) {
      issues.push({
        sentence: `lists suite ${suite.id} twice.`,
        details: ['Merge its checks into one entry.'],
      });
    }
    seenSuites.add(suite.id);
    for (const id of Object.keys(suite.checks)) {
      const first = suiteOf.get(id);
      if (first !== undefined && first !== suite.id) {
        issues.push({
          sentence: `lists check ${id} in two suites (${first} and ${suite.id}).`,
          details: ['A check counts once: keep it only in its own suite.'],
        });
      } else if (first === undefined) {
        suiteOf.set(id, suite.id);
      }
    }
  }
  return issues;
}

function prefixIssues(suites: RubricSuite[]): Issue[] {
  return suites.flatMap((suite) =>
    Object.keys(suite.checks)
      .filter((id) => id.includes('.') && !id.startsWith(`${suite.id}.`))
      .map((id) => ({
        sentence: `puts check ${id} in suite ${suite.id}, but its id says it belongs to suite ${id.split('.')[0]}.`,
        details: [`Check ids are <suite>.<name>: move ${id} to its own suite.`],
      })),
  );
}

function unknownIssues(suites: RubricSuite[], known: ReadonlySet<string>): Issue[] {
  const issues: Issue[] = [];
  for (const suite of suites) {
    for (const id of Object.keys(suite.checks)) {
      if (known.has(id)) continue;
      const close = suggestIds(id, known);
      const sameSuite = [...known].filter((k) => k.startsWith(`${suite.id}.`)).sort();
      issues.push({
        sentence: `names a check that does not exist: ${id}.`,
        details: [
          close.length > 0 ? `Did you mean ${close.join(' or ')}?` : `No known check id is close to ${id}.`,
          `Checks of suite ${suite.id}: ${sameSuite.join(', ') || '(none)'}.`,
        ],
      });
    }
  }
  return issues;
}

function combine(label: string, issues: Issue[]): RubricError {
  const [first, ...rest] = issues as [Issue, ...Issue[]];
  const details = [...first.details];
  for (const issue of rest)
    details.push(`Also: the ${label} ${issue.sentence}`, ...issue.details.map((d) => `  ${d}`));
  return new RubricError(`The ${label} ${first.sentence}`, { details });
}
