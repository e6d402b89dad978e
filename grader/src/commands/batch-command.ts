import { DEFAULT_BUDGET_SECONDS, DEFAULT_MAKE_TIMEOUT_SECONDS, DEFAULT_RUBRIC } from '../defaults.js';
import { GRADESCOPE_VISIBILITIES, type GradescopeVisibility } from '../reporters/types.js';
import { Command, Option } from 'commander';
import { type BatchOptions, renderSummary, runBatch, type ShardSpec } from '../batch/index.js';
import { parseShardOption } from '../options/shard-option.js';
import { boundedNumber } from '../options/bounded-number.js';
import {
  BUDGET_SECONDS,
  JOBS,
  MAKE_TIMEOUT_SECONDS,
  TIMEOUT_SCALE,
  WALL_SECONDS,
} from '../options/limits.js';
import type { Lang } from '../types.js';

interface BatchCommandOptions {
  jobs?: number;
  outDir: string;
  format?: string[];
  rubric: string;
  timeoutScale: number;
  budget: number;
  makeTimeout: number;
  wall?: number;
  sandbox: BatchOptions['sandbox'];
  shard?: ShardSpec;
  force?: boolean;
  lang?: Lang;
  seed?: string;
  assignment: string;
  roster?: string;
  visibility?: GradescopeVisibility;
  stdoutVisibility?: GradescopeVisibility;
}

/** `proxylab-grade batch DIR`: grade a class, one sandboxed child grader per submission folder. */
export function createBatchCommand(): Command {
  return new Command('batch')
    .description(
      'Grades every subdirectory of DIR as one submission (named by its folder), in parallel, each in its own ' +
        'sandbox; writes one folder per student, gradebook.csv, gradebook-canvas.csv and overview.html.',
    )
    .argument('<dir>', 'folder of submission folders (names starting with . or _ are skipped)')
    .option(
      '-j, --jobs <n>',
      'submissions graded at once, 1 to 256 (default: the number of cores)',
      boundedNumber('--jobs', JOBS),
    )
    .option('-o, --out-dir <dir>', 'where reports and gradebooks go', './grade-out')
    .option(
      '-f, --format <fmt[:file]>',
      'extra report per student, repeatable (json is always written): terminal, junit, gradescope, autolab, classroom, markdown',
      (value: string, all: string[] | undefined) => [...(all ?? []), value],
    )
    .option(
      '-r, --rubric <name|file>',
      'default (100 points), cmu (70 points) or a rubric JSON file',
      DEFAULT_RUBRIC,
    )
    .option(
      '--timeout-scale <x>',
      'multiply every time limit (slow machines), 0.1 to 100',
      boundedNumber('--timeout-scale', TIMEOUT_SCALE),
      1,
    )
    .option(
      '--budget <seconds>',
      'grading time budget per submission, 1 to 14400',
      boundedNumber('--budget', BUDGET_SECONDS),
      DEFAULT_BUDGET_SECONDS,
    )
    .option(
      '--make-timeout <seconds>',
      'time allowed for make, per submission, 1 to 3600',
      boundedNumber('--make-timeout', MAKE_TIMEOUT_SECONDS),
      DEFAULT_MAKE_TIMEOUT_SECONDS,
    )
    .option(
      '--wall <seconds>',
      'hard limit per submission, 1 to 1728000 (default: make-timeout + budget × scale + 60)',
      boundedNumber('--wall', WALL_SECONDS),
    )
    .addOption(
      new Option(
        '--sandbox <mode>',
        'isolation: namespaces where the OS allows (auto), required, none, or docker',
      )
        .choices(['auto', 'namespace', 'none', 'docker'])
        .default('auto'),
    )
    .option(
      '--shard <i/n>',
      'grade only slice I of N ≤ 1000 (deterministic by student name); join slices with merge',
      parseShardOption,
    )
    .option('--force', 'regrade submissions whose content and settings are unchanged')
    .addOption(
      new Option('--lang <lang>', 'language of explanations (default: from the locale)').choices([
        'en',
        'ko',
      ]),
    )
    .option('--seed <seed>', 'one corpus seed for every student (default: a fresh one each)')
    .option('--assignment <name>', 'assignment column of the Canvas gradebook', 'Proxy Lab')
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
      '--roster <csv>',
      "folder → name, login, SIS id (folder,name,login,sis_id[,section], or GitHub Classroom's roster export)",
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .action(async (dir: string, options: BatchCommandOptions) => {
      const summary = await runBatch({
        dir,
        outDir: options.outDir,
        jobs: options.jobs,
        formats: options.format,
        rubric: options.rubric,
        timeoutScale: options.timeoutScale,
        budgetSeconds: options.budget,
        makeTimeoutSeconds: options.makeTimeout,
        wallSeconds: options.wall,
        sandbox: options.sandbox,
        shard: options.shard,
        force: options.force,
        lang: options.lang,
        seed: options.seed,
        assignment: options.assignment,
        roster: options.roster,
        gradescope: { tests: options.visibility, stdout: options.stdoutVisibility },
      });
      process.stderr.write(renderSummary(summary));
      // the batch ran; a submission the grader itself could not grade is worth a non-zero exit for CI
      process.exitCode = summary.errors > 0 ? 1 : 0;
    });
}
