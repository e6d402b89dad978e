export { RubricError } from './errors.js';
export { type JsonErrorPosition, locateJsonError } from './json-position.js';
export { loadRubric } from './rubric.js';
export {
  BUNDLED_RUBRICS,
  type BundledRubricName,
  bundledRubricUrl,
  isBundledRubric,
  RUBRIC_SCHEMA_URL,
} from './rubric-files.js';
export {
  type MeasuredCheck,
  type MeasuredSuite,
  roundPoints,
  rubricMaxScore,
  type ScoredRun,
  scoreRun,
} from './score.js';
export { validateRubric } from './validate-rubric.js';
