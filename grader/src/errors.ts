// Faults of the grader itself (bad flags, missing directories, unreadable rubric). A student's failure is never
// one of these: it is a CheckResult.

export class GraderError extends Error {
  readonly code: string;
  /** Lines printed after the one-sentence message (build output, stderr, validation errors). */
  readonly details: string[];

  constructor(code: string, message: string, options: { cause?: unknown; details?: string[] } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? [];
  }
}

export class UsageError extends GraderError {
  constructor(message: string, details: string[] = []) {
    super('GRADER_ERR_USAGE', message, { details });
  }
}

export class TargetError extends GraderError {
  constructor(message: string, options: { cause?: unknown; details?: string[] } = {}) {
    super('GRADER_ERR_TARGET', message, options);
  }
}

export class BudgetError extends GraderError {
  constructor(message: string) {
    super('GRADER_ERR_BUDGET', message);
  }
}
