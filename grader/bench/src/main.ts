#!/usr/bin/env node
// `npm run bench [-- grade] [options]`: see options.ts for the flags. A benchmark program, not a test.
import { benchBatch } from './batch/bench-batch.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeGoals, renderGradeTable, summariseGrading } from './grade/report-grade.js';
import { runGradeBench } from './grade/run-grade-bench.js';
import { type BenchOptions, parseBenchOptions, USAGE } from './options.js';
import { killAllGroups } from './process-groups.js';
import { renderProfiles } from './profile/report-profile.js';
import { type CellProfile, profileCell } from './profile/run-profile.js';
import { evaluateBenchGoals } from './report/goals.js';
import { summariseCell } from './report/summarise.js';
import { renderSvg } from './report/svg.js';
import { renderBenchTables } from './report/table.js';
import { runBench } from './run-bench.js';
import { startBenchSetup } from './setup.js';
import { createWorkDir, type WorkDir } from './workdir.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

function writeOutput(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  progress(`wrote ${relative(process.cwd(), file) || file}`);
}

async function benchProxies(options: BenchOptions, workDir: WorkDir): Promise<void> {
  const run = await runBench(options, REPO_ROOT, workDir, progress);
  const cells = run.cells.map(summariseCell);
  const goals = evaluateBenchGoals(cells);
  process.stdout.write(`\n${renderBenchTables(run, cells, goals)}`);
  const { cells: raw, ...meta } = run;
  writeOutput(
    options.jsonFile,
    `${JSON.stringify({ schemaVersion: 1, ...meta, cells, goals, raw }, null, 2)}\n`,
  );
  const caption = `proxylab bench · ${run.startedAt.slice(0, 16)} · origin ${run.origin} · ${run.loadTool} · median of ${run.repeats}, whiskers min–max`;
  writeOutput(options.svgFile, renderSvg(cells, caption));
}

async function benchGrading(options: BenchOptions, workDir: WorkDir): Promise<void> {
  const startedAt = new Date().toISOString();
  const samples = await runGradeBench(REPO_ROOT, workDir, options.repeats, progress);
  const summaries = summariseGrading(samples);
  const goals = gradeGoals(summaries);
  process.stdout.write(`\n${renderGradeTable(summaries, options.repeats, goals)}`);
  const report = { schemaVersion: 1, startedAt, repeats: options.repeats, summaries, goals, samples };
  writeOutput(options.jsonFile, `${JSON.stringify(report, null, 2)}\n`);
}

async function profileReference(options: BenchOptions, workDir: WorkDir): Promise<void> {
  const setup = await startBenchSetup(options, REPO_ROOT, workDir, progress);
  const profiles: CellProfile[] = [];
  try {
    for (const cell of options.cells) {
      if (cell === 'idle') continue;
      progress(`profiling the reference proxy: ${cell}`);
      profiles.push(
        await profileCell(
          cell,
          setup.context,
          setup.load.run,
          options.quick,
          join(REPO_ROOT, 'bench-out', 'profiles'),
        ),
      );
    }
  } finally {
    await setup.stop();
  }
  process.stdout.write(`\n${renderProfiles(profiles)}`);
  writeOutput(
    options.jsonFile,
    `${JSON.stringify({ schemaVersion: 1, loadTool: setup.load.tool, profiles }, null, 2)}\n`,
  );
}

async function main(): Promise<number> {
  let options: BenchOptions | undefined;
  try {
    options = parseBenchOptions(process.argv.slice(2), REPO_ROOT);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!options) {
    process.stdout.write(USAGE);
    return 0;
  }
  const workDir = createWorkDir();
  const cleanUp = () => {
    killAllGroups();
    workDir.remove();
  };
  process.once('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.stderr.write(`\nbench: interrupted (${signal}); stopped every process it started.\n`);
      process.exit(130);
    });
  }
  try {
    if (options.mode === 'grade') await benchGrading(options, workDir);
    else if (options.mode === 'profile') await profileReference(options, workDir);
    else if (options.mode === 'batch') await benchBatch(options, workDir);
    else await benchProxies(options, workDir);
    return 0;
  } catch (error) {
    progress(`failed: ${(error as Error).message}`);
    return 1;
  } finally {
    cleanUp();
  }
}

process.exitCode = await main();
