import { GraderError } from '../errors.js';

/** A rubric that cannot be used: missing, not JSON, not matching the schema, or naming checks wrongly. */
export class RubricError extends GraderError {
  constructor(message: string, options: { cause?: unknown; details?: string[] } = {}) {
    super('GRADER_ERR_RUBRIC', message, options);
  }
}
