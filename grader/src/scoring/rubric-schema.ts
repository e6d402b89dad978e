import { readFile } from 'node:fs/promises';
// ajv is CommonJS; under `nodenext` its default import types as the module namespace (not constructable), while
// the named export `Ajv` is the class both for tsc and at run time.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { RUBRIC_SCHEMA_URL } from './rubric-files.js';

let compiled: Promise<ValidateFunction> | undefined;

/** The compiled validator for grader/rubrics/rubric.schema.json (read once per process). */
export function rubricSchemaValidator(): Promise<ValidateFunction> {
  compiled ??= readFile(RUBRIC_SCHEMA_URL, 'utf8').then((text) => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    return ajv.compile(JSON.parse(text) as object);
  });
  return compiled;
}

/** One line per schema violation: `at /suites/0/checks/basic.html: must be number`. */
export function describeSchemaErrors(errors: readonly ErrorObject[]): string[] {
  return errors.map((error) => `at ${error.instancePath || '/'}: ${describeOne(error)}`);
}

function describeOne(error: ErrorObject): string {
  const message = error.message ?? `fails "${error.keyword}"`;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `${message}: "${String(params.additionalProperty)}"`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${message}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return message;
}
