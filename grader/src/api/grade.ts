// The programmatic entry point: what `proxylab-grade` does for one target, as a function that returns the report.
import { randomBytes } from 'node:crypto';
import { DEFAULT_BUDGET_SECONDS, DEFAULT_MAKE_TIMEOUT_SECONDS, DEFAULT_RUBRIC } from '../defaults.js';
import { detectLang } from '../i18n.js';
import { filterSuites } from '../options/only-option.js';
import { grade as gradeTarget } from '../run/grade.js';
import type { RunObserver } from '../run/observer.js';
import { loadRubric } from '../scoring/rubric.js';
import { checkRegistry } from '../suites/index.js';
import { createTarget } from '../targets/index.js';
import type { Target } from '../targets/target.js';
import type { Lang, Rubric, RunReport } from '../types.js';
import { GRADER_VERSION } from '../version.js';

export interface GradeOptions {
  /** A student folder: built with `make`, then run as `./proxy <port>`. */
  submission?: string;
  /** A shell command that starts a proxy; `{port}` is replaced by the port it must listen on. */
  proxyCmd?: string;
  /** `host:port` of a proxy that is already running. */
  address?: string;
  /** A Docker image whose CMD starts the proxy. */
  image?: string;
  /**
   * A target built by the caller; then the four options above are ignored. Without any target the bundled
   * reference proxy is graded.
   */
  target?: Target;
  /** A bundled rubric name ('default', 'cmu'), a rubric JSON file, or a loaded rubric. @default 'default' */
  rubric?: string | Rubric;
  /** Suites and check ids to keep, comma-separated (`basic,cache.lru-eviction`). @default every one */
  only?: string;
  /** Corpus seed, to reproduce a run. @default random */
  seed?: string;
  /** Language of the explanations. @default from the locale */
  lang?: Lang;
  /** Multiplies every time limit. @default 1 */
  timeoutScale?: number;
  /** Time budget of the whole run, before `timeoutScale`. @default 180 */
  budgetSeconds?: number;
  /** Time allowed for `make`. @default 120 */
  makeTimeoutSeconds?: number;
  /** Memory limit of jailed student code, MiB. @default 1024 */
  memoryMiB?: number;
  /** Process limit of jailed student code. @default 256 */
  pids?: number;
  /** Follows the run live (a reporter, a progress line). */
  observers?: RunObserver[];
  /** The harness log (`--verbose`). */
  log?: (line: string) => void;
}

/**
 * Grades one proxy and returns its report. Never throws for anything the proxy does (that is the report's data);
 * throws a GraderError for a bad option, target or rubric. Student code runs jailed where the host allows it;
 * unlike the CLI, this does not re-run itself in fresh network and PID namespaces.
 */
export async function grade(options: GradeOptions = {}): Promise<RunReport> {
  const rubric = filterSuites(
    typeof options.rubric === 'object'
      ? options.rubric
      : await loadRubric(options.rubric ?? DEFAULT_RUBRIC, new Set(checkRegistry.keys())),
    options.only,
  );
  const target =
    options.target ??
    (await createTarget({
      submission: options.submission,
      proxyCmd: options.proxyCmd,
      address: options.address,
      image: options.image,
      makeTimeout: options.makeTimeoutSeconds ?? DEFAULT_MAKE_TIMEOUT_SECONDS,
      memory: options.memoryMiB,
      pids: options.pids,
    }));
  return gradeTarget({
    target,
    rubric,
    checks: checkRegistry,
    seed: options.seed ?? randomBytes(6).toString('hex'),
    lang: options.lang ?? detectLang(),
    version: GRADER_VERSION,
    timeoutScale: options.timeoutScale,
    budgetMs: (options.budgetSeconds ?? DEFAULT_BUDGET_SECONDS) * 1000,
    observers: options.observers,
    log: options.log,
  });
}
