// The grader's shared vocabulary: checks, their results, targets and the run report.
// Every suite, target and reporter is written against these types only.
import type { ProxyEndpoint } from './harness/endpoint.js';
import type { Timeline, TimelineSpan } from './harness/timeline.js';
import type { SuiteId } from './suites/ids.js';

export type Lang = 'en' | 'ko';

/** A student-facing sentence in every language the grader speaks. */
export interface Bilingual {
  en: string;
  ko: string;
}

/** Text a report shows: both languages, or a plain string for words-free text (a URL, a byte excerpt). */
export type Text = Bilingual | string;

export type { ProxyEndpoint, SuiteId, Timeline, TimelineSpan };

/** How a proxy process ended, when it did. */
export interface CrashInfo {
  exitCode: number | null;
  /** e.g. 'SIGPIPE', 'SIGSEGV'; null when it exited by itself */
  signal: string | null;
  /** last lines of its stderr (and stdout), oldest first */
  outputTail: string[];
}

/** What a check returns: a student's failure is data, never an exception. */
export interface CheckOutcome {
  passed: boolean;
  /** One or two sentences on what was seen (on failure: what was expected and what came). */
  detail?: Bilingual;
  /** Short excerpt of what was expected / received (hex or text), for the report. */
  expected?: Text;
  received?: Text;
  /** What the student should look at, in their terms. */
  hint?: Bilingual;
  /** One command line that reproduces the exchange, e.g. `curl -x 127.0.0.1:PORT http://...`. */
  reproduce?: string;
  /** Set when the check could not be run for this target (e.g. no pid for fd counting); worth 0 of 0. */
  skipped?: Bilingual;
}

/** Everything a check may use while it runs. */
export interface CheckContext {
  /** The proxy under test (current endpoint: a restart may change the port). */
  readonly proxy: ProxyEndpoint;
  /** Origins and corpus shared by the whole run. */
  readonly harness: import('./harness/harness.js').Harness;
  /** Pid of the proxy process when the grader started it on this machine. */
  readonly proxyPid: number | undefined;
  /** Scales a base duration by --timeout-scale. */
  timeoutMs(baseMs: number): number;
  /**
   * The limit for an answer this proxy should give at once (a lone small fetch): timeoutMs(baseMs), shortened
   * to what its probe fetch at the start of the suite showed (never below a floor). Long transfers and waits
   * that depend on load use timeoutMs.
   */
  answerMs(baseMs: number): number;
  /** Aborted when the check's time limit is reached; long waits must listen to it. */
  readonly signal: AbortSignal;
  /** Registers cleanup (close a socket or origin) that runs when the check ends, whatever the outcome. */
  defer(cleanup: () => unknown): void;
  /** --verbose: one line per request/response head. */
  log(line: string): void;
}

export interface CheckDef {
  /** Stable id, `<suite>.<name>`, e.g. 'basic.binary-large'. */
  id: string;
  title: Bilingual;
  /** Base time limit of the whole check (scaled by --timeout-scale). */
  timeoutMs: number;
  /** Hint used when the check times out or the proxy crashes during it, if the outcome gave none. */
  hint: Bilingual;
  /** The check needs the proxy's pid on this machine (fd counting); skipped otherwise. */
  needsPid?: boolean;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export interface SuiteDef {
  id: SuiteId;
  title: Bilingual;
  checks: CheckDef[];
}

/** A rubric: which checks count and how many points each is worth. */
export interface Rubric {
  name: string;
  description?: string;
  /** Kept for older rubric files: every suite now starts on a fresh proxy process. */
  freshTargetPerSuite?: boolean;
  /**
   * 'per-check' (default): a check starts on a quiet proxy (restarted first when the previous check's exchanges
   * are still open), and one during which the proxy dies fails and the proxy is restarted. 'per-suite' (driver.sh):
   * no restart within a suite; a check during which the proxy dies keeps what it fetched, later checks of the
   * suite fail against the dead proxy.
   */
  restarts?: 'per-check' | 'per-suite';
  suites: RubricSuite[];
}

export interface RubricSuite {
  id: SuiteId;
  /** check id → points */
  checks: Record<string, number>;
  /** 'sum' (default): points of passed checks; 'all-or-nothing': the suite's points only if every check passed. */
  scoring?: 'sum' | 'all-or-nothing';
}

export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  score: number;
  maxScore: number;
  durationMs: number;
  timedOut: boolean;
  /** non-empty when the check was not run (then maxScore is 0) */
  skipped?: string;
  detail?: string;
  expected?: string;
  received?: string;
  hint?: string;
  reproduce?: string;
  /** set when the proxy died during this check */
  crash?: CrashInfo;
  /** the connections of the check on a time axis (concurrency and robustness checks) */
  timeline?: Timeline;
}

export interface SuiteResult {
  id: SuiteId;
  title: string;
  score: number;
  maxScore: number;
  durationMs: number;
  checks: CheckResult[];
}

export interface TargetInfo {
  kind: TargetKind;
  /** human description, e.g. 'submission ./alice (make, ./proxy <port>)' */
  description: string;
  /** Notes the student should read (build warnings skipped, suites skipped, no namespaces...). */
  notes: string[];
}

export interface RunReport {
  schemaVersion: 1;
  grader: { name: 'proxylab-grade'; version: string };
  target: TargetInfo;
  rubric: string;
  lang: Lang;
  seed: string;
  startedAt: string;
  score: number;
  maxScore: number;
  durationMs: number;
  /** false when the target never became ready (then every check failed with the reason) */
  targetStarted: boolean;
  /** Build output (make) when there was a build step. */
  build?: { ok: boolean; durationMs: number; outputTail: string[] };
  suites: SuiteResult[];
  /** Crashes seen during the run, in order. */
  crashes: Array<CrashInfo & { checkId: string }>;
}

export type TargetKind = 'reference' | 'submission' | 'command' | 'address' | 'image';
