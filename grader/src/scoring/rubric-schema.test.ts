import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { SUITE_IDS } from '../suites/ids.js';
import { RUBRIC_SCHEMA_URL } from './rubric-files.js';

test("the rubric schema's suite ids are the grader's, in the same order", async () => {
  const schema = JSON.parse(await readFile(RUBRIC_SCHEMA_URL, 'utf8')) as {
    definitions: { suite: { properties: { id: { enum: string[] } } } };
  };
  expect(schema.definitions.suite.properties.id.enum).toEqual([...SUITE_IDS]);
});
