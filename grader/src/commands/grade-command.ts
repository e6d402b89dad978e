import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.js';
import { detectLang } from '../i18n.js';
import { createReporters } from '../reporters/index.js';
import { grade } from '../run/grade.js';
import { loadRubric } from '../scoring/rubric.js';
import { SUITE_IDS, checkRegistry } from '../suites/index.js';
import { createTarget } from '../targets/index.js';
import { describeNetwork, planIsolatedRun, runIsolated } from '../process/isolated-run.js';
import { withListenerPid } from '../targets/container/listener-pid.js';
import {
  assertAddress,
  createContainerTarget,
  runInContainerNetwork,
  usesContainers,
} from './container-grade.js';
import type { Lang, Rubric, SuiteId } from '../types.js';
import { GRADER_VERSION } from '../version.js';

export interface GradeCommandOptions {
  submission?: string;
  proxyCmd?: string;
  address?: string;
  image?: string;
  rubric: string;
  only?: string;
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

/** Keeps only the suites named by --only (in rubric order). */
export function filterSuites(rubric: Rubric, only: string | undefined): Rubric {
  if (!only) return rubric;
  const wanted = only.split(',').map((s) => s.trim()) as SuiteId[];
  const unknown = wanted.filter((id) => !SUITE_IDS.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(`--only names unknown suite ${unknown.join(', ')}.`, [
      `suites: ${SUITE_IDS.join(', ')}`,
    ]);
  }
  const suites = rubric.suites.filter((suite) => wanted.includes(suite.id));
  if (suites.length === 0) {
    throw new UsageError(`The ${rubric.name} rubric has none of the suites ${wanted.join(', ')}.`);
  }
  return { ...rubric, suites };
}

/** `proxylab-grade [target] [options]`: grade, report, and return the exit code. */
export async function runGradeCommand(options: GradeCommandOptions): Promise<number> {
  const lang = options.lang ?? detectLang();
  const rubric = filterSuites(await loadRubric(options.rubric, new Set(checkRegistry.keys())), options.only);
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
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  const reporters = createReporters(options.format ?? ['terminal'], {
    lang,
    color,
    verbose: Boolean(options.verbose),
  });
  const report = await grade({
    target,
    rubric,
    checks: checkRegistry,
    seed: options.seed ?? randomBytes(6).toString('hex'),
    lang,
    version: GRADER_VERSION,
    timeoutScale: options.timeoutScale,
    budgetMs: options.budget * 1000,
    observers: reporters,
    log,
  });
  for (const reporter of reporters) await reporter.onRunEnd(report);
  if (options.failUnder !== undefined && report.score < options.failUnder) {
    process.stderr.write(
      `proxylab-grade: score ${report.score} is below --fail-under ${options.failUnder}.\n`,
    );
    return 1;
  }
  return 0;
}
