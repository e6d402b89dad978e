#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { GraderError } from './errors.js';
import { killAllGroups } from './harness/process-group.js';
import { createBatchCommand } from './commands/batch-command.js';
import { type GradeCommandOptions, runGradeCommand } from './commands/grade-command.js';
import { createMergeCommand } from './commands/merge-command.js';
import { runInterruptCleanups } from './targets/container/exit-cleanups.js';
import { GRADER_VERSION } from './version.js';

const number = (name: string, min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new InvalidArgumentError(`${name} must be a number ≥ ${min}.`);
  return n;
};

const positive = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number > 0.`);
  return n;
};

const program = new Command('proxylab-grade')
  .description(
    'Grades an HTTP proxy (CS:APP Proxy Lab): basic forwarding, concurrency, robustness and caching.\n' +
      'With no target, grades the bundled reference proxy.',
  )
  .version(GRADER_VERSION, '-V, --version')
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
    'default',
  )
  .option('--only <suites>', 'comma-separated suites to run: basic,concurrency,robustness,cache')
  .option(
    '-f, --format <fmt[:file]>',
    'report format, repeatable: terminal, json, junit, gradescope, autolab, classroom, markdown',
    (value: string, all: string[] | undefined) => [...(all ?? []), value],
  )
  .option('--fail-under <points>', 'exit 1 when the score is below this', number('--fail-under', 0))
  .option(
    '--timeout-scale <x>',
    'multiply every time limit (slow machines)',
    number('--timeout-scale', 0.1),
    1,
  )
  .option('--budget <seconds>', 'time budget for the whole run', number('--budget', 1), 180)
  .option('--seed <seed>', 'corpus seed, to reproduce a run (default: random)')
  .addOption(
    new Option('--lang <lang>', 'language of explanations (default: from the locale)').choices(['en', 'ko']),
  )
  .option('--make-timeout <seconds>', 'time allowed for make', number('--make-timeout', 1), 120)
  .option(
    '--memory <MiB>',
    'memory limit of jailed student code (make, the proxy): a memory cgroup, else RLIMIT_AS (default 1024)',
    positive('--memory'),
  )
  .option('--pids <n>', 'process limit of jailed student code (default 256)', positive('--pids'))
  .option('-v, --verbose', 'show each request and response head and the harness log')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .action(async (options: GradeCommandOptions) => {
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
