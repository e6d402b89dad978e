import type { GradescopeVisibility } from '../reporters/types.js';
import { filterSuites } from '../options/only-option.js';
import { rubricMaxScore } from '../scoring/score.js';
import { UsageError } from '../errors.js';
import { detectLang } from '../i18n.js';
import { assertReportDestinations } from '../options/report-destinations.js';
import { createReporters } from '../reporters/index.js';
import { RunStatusLine } from '../reporters/run-status-line.js';
import { printsTerminal, renderSummaryLine } from '../reporters/summary-line.js';
import { detectTerminal } from '../reporters/terminal-env.js';
import { grade } from '../api/grade.js';
import { loadRubric } from '../scoring/rubric.js';
import { checkRegistry } from '../suites/index.js';
import { createTarget } from '../targets/index.js';
import { describeNetwork, planIsolatedRun, runIsolated } from '../process/isolated-run.js';
import { withListenerPid } from '../targets/container/listener-pid.js';
import {
  assertAddress,
  createContainerTarget,
  runInContainerNetwork,
  usesContainers,
} from './container-grade.js';
import type { Lang, Rubric, RunReport } from '../types.js';

export interface GradeCommandOptions {
  submission?: string;
  proxyCmd?: string;
  address?: string;
  image?: string;
  rubric: string;
  only?: string;
  visibility?: GradescopeVisibility;
  stdoutVisibility?: GradescopeVisibility;
  format?: string[];
  failUnder?: number;
  timeoutScale: number;
  budget: number;
  seed?: string;
  lang?: Lang;
  makeTimeout: number;
  /** MiB, for jailed student code */
  memory?: number;
  pids?: number;
  verbose?: boolean;
  sandbox?: 'docker';
  /** set by the grader itself when it re-runs inside a container's network (container grading) */
  insideNetns?: string;
  /** with --address: the proxy's pid from the process holding its listening socket */
  findPid?: boolean;
}

/** --fail-under above the rubric's maximum would fail every run, the reference proxy's included. */
function assertFailUnderReachable(failUnder: number | undefined, rubric: Rubric): void {
  const max = rubricMaxScore(rubric);
  if (failUnder !== undefined && failUnder > max) {
    throw new UsageError(
      `--fail-under ${failUnder} is above the ${rubric.name} rubric's maximum of ${max} points.`,
    );
  }
}

/** `proxylab-grade [target] [options]`: grade, report, and return the exit code. */
export async function runGradeCommand(options: GradeCommandOptions): Promise<number> {
  await assertReportDestinations(options.format ?? []);
  const lang = options.lang ?? detectLang();
  const rubric = filterSuites(await loadRubric(options.rubric, new Set(checkRegistry.keys())), options.only);
  assertFailUnderReachable(options.failUnder, rubric);
  if (usesContainers(options) && !options.insideNetns)
    return runInContainerNetwork(options, process.argv.slice(2));
  let network: string | undefined;
  if ((options.submission || options.proxyCmd) && !options.insideNetns) {
    // student code: the whole grading re-runs in its own network and PID namespaces when the host allows it
    const plan = await planIsolatedRun();
    if (plan && 'argv' in plan) return runIsolated(plan);
    network = plan ? plan.missing : undefined;
  }
  const log = options.verbose ? (line: string) => process.stderr.write(`[grader] ${line}\n`) : undefined;
  const created = options.insideNetns
    ? await createContainerTarget(options, log)
    : await createTarget({ ...options, network: describeNetwork(network) });
  const target = options.findPid ? withListenerPid(assertAddress(created)) : created;
  const specs = options.format ?? ['terminal'];
  const terminal = detectTerminal(process.stdout);
  const reporters = createReporters(specs, {
    lang,
    color: terminal.color,
    // --verbose logs to stderr as the run goes: a line rewritten in place would be torn by it
    live: terminal.live && !options.verbose,
    columns: terminal.columns,
    verbose: Boolean(options.verbose),
    gradescope: { tests: options.visibility, stdout: options.stdoutVisibility },
  });
  // no terminal report on stdout (only files, or JSON piped on): the running line goes to stderr if it is a TTY
  const errTerminal = detectTerminal(process.stderr);
  const statusLine =
    !printsTerminal(specs) && errTerminal.live && !options.verbose
      ? new RunStatusLine(process.stderr, errTerminal.columns, lang)
      : undefined;
  let report: RunReport;
  try {
    report = await grade({
      target,
      rubric,
      seed: options.seed,
      lang,
      timeoutScale: options.timeoutScale,
      budgetSeconds: options.budget,
      observers: statusLine ? [...reporters, statusLine] : reporters,
      log,
    });
  } catch (error) {
    // a fault of the grader: its message must not land at the end of a running line
    statusLine?.clear();
    for (const reporter of reporters) reporter.onRunAbort?.();
    throw error;
  }
  statusLine?.clear();
  for (const reporter of reporters) await reporter.onRunEnd(report);
  if (!printsTerminal(specs)) process.stderr.write(renderSummaryLine(report, specs));
  if (options.failUnder !== undefined && report.score < options.failUnder) {
    process.stderr.write(
      `proxylab-grade: score ${report.score} is below --fail-under ${options.failUnder}.\n`,
    );
    return 1;
  }
  return 0;
}
