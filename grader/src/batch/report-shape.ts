// The shape of a child grader's report.json, checked field by field before anything renders or counts it:
// the batch treats that file as untrusted input (REPORT-SCHEMA.md describes the shape).

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Strings longer than this are not something the grader writes (excerpts and details are short). */
const MAX_STRING = 64 * 1024;

function fieldProblem(where: string, object: Json, fields: Record<string, string>): string | undefined {
  for (const [name, type] of Object.entries(fields)) {
    const optional = type.endsWith('?');
    const value = object[name];
    if (value === undefined && optional) continue;
    const want = optional ? type.slice(0, -1) : type;
    const ok =
      want === 'string'
        ? typeof value === 'string' && value.length <= MAX_STRING
        : want === 'number'
          ? isNumber(value)
          : want === 'boolean'
            ? typeof value === 'boolean'
            : want === 'string[]'
              ? isStringArray(value) && value.every((line) => line.length <= MAX_STRING)
              : want === 'string|null'
                ? value === null || typeof value === 'string'
                : want === 'number|null'
                  ? value === null || isNumber(value)
                  : false;
    if (!ok) return `${where}.${name} is not a ${want}`;
  }
  return undefined;
}

const CRASH = { exitCode: 'number|null', signal: 'string|null', outputTail: 'string[]' };

function crashProblem(where: string, crash: unknown): string | undefined {
  if (!isObject(crash)) return `${where} is not an object`;
  return fieldProblem(where, crash, CRASH);
}

function checkProblem(where: string, check: unknown): string | undefined {
  if (!isObject(check)) return `${where} is not an object`;
  const problem = fieldProblem(where, check, {
    id: 'string',
    title: 'string',
    passed: 'boolean',
    score: 'number',
    maxScore: 'number',
    durationMs: 'number',
    timedOut: 'boolean',
    skipped: 'string?',
    detail: 'string?',
    expected: 'string?',
    received: 'string?',
    hint: 'string?',
    reproduce: 'string?',
  });
  if (problem) return problem;
  if (check.timeline !== undefined) {
    const bad = timelineProblem(`${where}.timeline`, check.timeline);
    if (bad) return bad;
  }
  return check.crash === undefined ? undefined : crashProblem(`${where}.crash`, check.crash);
}

const SPAN_KINDS = new Set(['client', 'direct', 'origin']);

function timelineProblem(where: string, timeline: unknown): string | undefined {
  if (!isObject(timeline)) return `${where} is not an object`;
  const problem = fieldProblem(where, timeline, { durationMs: 'number', omitted: 'number' });
  if (problem) return problem;
  if (!Array.isArray(timeline.spans) || timeline.spans.length > 400)
    return `${where}.spans is not a list of spans`;
  for (const [i, span] of timeline.spans.entries()) {
    if (!isObject(span) || !SPAN_KINDS.has(span.kind as string)) return `${where}.spans[${i}] is not a span`;
    const bad = fieldProblem(`${where}.spans[${i}]`, span, {
      lane: 'string',
      startMs: 'number',
      firstByteMs: 'number?',
      endMs: 'number?',
      end: 'string?',
    });
    if (bad) return bad;
  }
  return undefined;
}

/** What is wrong with the report's shape (a field missing or of another type), or undefined. */
export function findShapeProblem(report: unknown): string | undefined {
  if (!isObject(report)) return 'not a JSON object';
  if (report.schemaVersion !== 1) return 'not a schemaVersion 1 report';
  const top = fieldProblem('report', report, {
    rubric: 'string',
    lang: 'string',
    seed: 'string',
    startedAt: 'string',
    score: 'number',
    maxScore: 'number',
    durationMs: 'number',
    targetStarted: 'boolean',
  });
  if (top) return top;
  const { grader, target, build, suites, crashes } = report;
  if (!isObject(grader)) return 'report.grader is not an object';
  const graderProblem = fieldProblem('report.grader', grader, { name: 'string', version: 'string' });
  if (graderProblem) return graderProblem;
  if (!isObject(target)) return 'report.target is not an object';
  const targetProblem = fieldProblem('report.target', target, {
    kind: 'string',
    description: 'string',
    notes: 'string[]',
  });
  if (targetProblem) return targetProblem;
  if (build !== undefined) {
    if (!isObject(build)) return 'report.build is not an object';
    const buildProblem = fieldProblem('report.build', build, {
      ok: 'boolean',
      durationMs: 'number',
      outputTail: 'string[]',
    });
    if (buildProblem) return buildProblem;
  }
  if (!Array.isArray(suites)) return 'report.suites is not an array';
  for (const [i, suite] of suites.entries()) {
    const where = `report.suites[${i}]`;
    if (!isObject(suite)) return `${where} is not an object`;
    const suiteProblem = fieldProblem(where, suite, {
      id: 'string',
      title: 'string',
      score: 'number',
      maxScore: 'number',
      durationMs: 'number',
    });
    if (suiteProblem) return suiteProblem;
    if (!Array.isArray(suite.checks)) return `${where}.checks is not an array`;
    for (const [j, check] of suite.checks.entries()) {
      const problem = checkProblem(`${where}.checks[${j}]`, check);
      if (problem) return problem;
    }
  }
  if (!Array.isArray(crashes)) return 'report.crashes is not an array';
  for (const [i, crash] of crashes.entries()) {
    const problem =
      crashProblem(`report.crashes[${i}]`, crash) ??
      fieldProblem(`report.crashes[${i}]`, crash as Json, { checkId: 'string' });
    if (problem) return problem;
  }
  return undefined;
}
