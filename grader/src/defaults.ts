// Every default of a grading run, declared once: the CLI's option defaults, the programmatic API, batch and the
// targets all read them from here.

/** Grading time budget of one run (`--budget`), before `--timeout-scale`. */
export const DEFAULT_BUDGET_SECONDS = 180;

/** Time allowed for `make` (`--make-timeout`). */
export const DEFAULT_MAKE_TIMEOUT_SECONDS = 120;

/** How long a started proxy may take to accept connections, before `--timeout-scale`. */
export const DEFAULT_STARTUP_TIMEOUT_MS = 10_000;

/** A batch job's default wall time adds this margin to make-timeout + budget × scale. */
export const BATCH_WALL_MARGIN_SECONDS = 60;

/** The bundled rubric a run uses when none is named. */
export const DEFAULT_RUBRIC = 'default';
