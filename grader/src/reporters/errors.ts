import { GraderError } from '../errors.js';

/** `--format` named a format the grader does not have, or a malformed FMT:FILE spec. */
export class FormatError extends GraderError {
  constructor(message: string, details: string[] = []) {
    super('GRADER_ERR_FORMAT', message, { details });
  }
}

/** A report could not be written (a missing directory, no permission, a closed stream). */
export class ReportWriteError extends GraderError {
  constructor(message: string, cause: unknown) {
    super('GRADER_ERR_REPORT_WRITE', message, {
      cause,
      details: [String((cause as Error)?.message ?? cause)],
    });
  }
}
