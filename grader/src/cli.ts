#!/usr/bin/env node
import { DEFAULT_BUDGET_SECONDS, DEFAULT_MAKE_TIMEOUT_SECONDS, DEFAULT_RUBRIC } from './defaults.js';
import { GRADESCOPE_VISIBILITIES } from './reporters/types.js';
import { Command, CommanderError, Option } from 'commander';
import { GraderError, UsageError } from './errors.js';
import { killAllGroups } from './process/group-signal.js';
import { createBatchCommand } from './commands/batch-command.js';
import { type GradeCommandOptions, runGradeCommand } from './commands/grade-command.js';
import { createMergeCommand } from './commands/merge-command.js';
import { runWatch } from './commands/watch.js';
import { runInterruptCleanups } from './process/interrupt-cleanups.js';
import { boundedNumber } from './options/bounded-number.js';
import {
  BUDGET_SECONDS,
  FAIL_UNDER_POINTS,
  MAKE_TIMEOUT_SECONDS,
  MEMORY_MIB,
  PIDS,
  TIMEOUT_SCALE,
} from './options/limits.js';
import { GRADER_VERSION } from './version.js';

const program = new Command('proxylab-grade')
  .description(
    'Grades an HTTP proxy (CS:APP Proxy Lab): basic forwarding, concurrency, robustness and caching.\n' +
      'With no target, grades the bundled reference proxy.',
  )
  .version(GRADER_VERSION, '-v, --version', 'print the version')
  .option('-s, --submission <dir>', 'a C handout directory: runs make there, then ./proxy <port>')
  .option('-c, --proxy-cmd <command>', 'any command that starts a proxy on {port}, e.g. "./proxy {port}"')
  .option(
    '-a, --address <host:port>',
    'an already running proxy (suites needing a restart or its pid are skipped)',
  )
  .option(
    '--image <name>',
    "a Docker image of a proxy: its CMD's last number is replaced by the port (PROXY_PORT is set too); needs root",
  )
  .addOption(
    new Option(
      '--sandbox <mode>',
      'docker: build --submission into an image and grade it in a container',
    ).choices(['docker']),
  )
  .addOption(new Option('--inside-netns <holder>', 'set by the grader itself (container grading)').hideHelp())
  .option(
    '--find-pid',
    "with --address: the proxy's pid is the process holding its listening socket (same host or PID namespace)",
  )
  .option(
    '-r, --rubric <name|file>',
    'default (100 points), cmu (driver.sh, 70 points) or a rubric JSON file',
    DEFAULT_RUBRIC,
  )
  .option(
    '--only <ids>',
    'comma-separated suites (basic,concurrency,robustness,cache) or check ids (cache.lru-eviction) to run',
  )
  .option(
    '-f, --format <fmt[:file]>',
    'report format, repeatable: terminal, json, junit, gradescope, autolab, classroom, markdown, html',
    (value: string, all: string[] | undefined) => [...(all ?? []), value],
  )
  .addOption(
    new Option('--visibility <when>', 'gradescope: when students see the tests (default visible)').choices(
      GRADESCOPE_VISIBILITIES,
    ),
  )
  .addOption(
    new Option('--stdout-visibility <when>', "gradescope: when students see the autograder's log").choices(
      GRADESCOPE_VISIBILITIES,
    ),
  )
  .option(
    '--fail-under <points>',
    "exit 1 when the score is below this (0 to 10000, at most the rubric's maximum)",
    boundedNumber('--fail-under', FAIL_UNDER_POINTS),
  )
  .option(
    '--timeout-scale <x>',
    'multiply every time limit (slow machines), 0.1 to 100',
    boundedNumber('--timeout-scale', TIMEOUT_SCALE),
    1,
  )
  .option(
    '--budget <seconds>',
    'time budget for the whole run, 1 to 14400',
    boundedNumber('--budget', BUDGET_SECONDS),
    DEFAULT_BUDGET_SECONDS,
  )
  .option('--seed <seed>', 'corpus seed, to reproduce a run (default: random)')
  .addOption(
    new Option('--lang <lang>', 'language of explanations (default: from the locale)').choices(['en', 'ko']),
  )
  .option(
    '--make-timeout <seconds>',
    'time allowed for make, 1 to 3600',
    boundedNumber('--make-timeout', MAKE_TIMEOUT_SECONDS),
    DEFAULT_MAKE_TIMEOUT_SECONDS,
  )
  .option(
    '--memory <MiB>',
    'memory limit of jailed student code (make, the proxy), 16 to 65536: a memory cgroup, else RLIMIT_AS (default 1024)',
    boundedNumber('--memory', MEMORY_MIB),
  )
  .option(
    '--pids <n>',
    'process limit of jailed student code, 8 to 65536 (default 256)',
    boundedNumber('--pids', PIDS),
  )
  .option('--verbose', 'show each request and response head and the harness log')
  .option('-w, --watch', 'with --submission: grade again whenever its sources change, failed checks first')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .action(async (options: GradeCommandOptions & { watch?: boolean }) => {
    if (options.watch) {
      if (!options.submission)
        throw new UsageError('--watch needs --submission DIR: it watches that folder.');
      const args = process.argv.slice(2).filter((arg) => arg !== '--watch' && arg !== '-w');
      process.exitCode = await runWatch(args, options.submission);
      return;
    }
    process.exitCode = await runGradeCommand(options);
  });
// subcommands own their options (batch has its own --format, --rubric ...): root options go before them
program.enablePositionalOptions().addCommand(createBatchCommand()).addCommand(createMergeCommand());

// `on`, not `once`: signal-exit (loaded with testcontainers) re-raises a signal nobody else listens to any more,
// which would kill the grader before its containers are removed. A second signal exits at once.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    killAllGroups();
    process.stderr.write(`\nproxylab-grade: interrupted (${signal}); stopped every process it started.\n`);
    // containers are not in our process groups: remove them before exiting
    void runInterruptCleanups().finally(() => process.exit(130));
  });
}

try {
  await program.parseAsync();
} catch (error) {
  killAllGroups();
  if (error instanceof CommanderError) {
    // help and --version exit 0; a bad flag is a usage error (2), like every other fault of the grader's input
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof GraderError) {
    process.stderr.write(`proxylab-grade: ${error.message}\n`);
    for (const line of error.details) process.stderr.write(`  ${line}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
