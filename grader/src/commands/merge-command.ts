import { Command } from 'commander';
import { mergeOutputs, renderSummary } from '../batch/index.js';
import { assertInputFolder } from '../options/input-folder.js';
import { assertWritableDestination } from '../options/writable-path.js';

/** `proxylab-grade merge OUT1 OUT2 ... --out-dir DIR`: one gradebook and overview from shard outputs. */
export function createMergeCommand(): Command {
  return new Command('merge')
    .description(
      'Joins the out dirs of `batch --shard I/N` runs into one gradebook, Canvas file and overview.',
    )
    .argument('<dirs...>', 'out dirs of the shard runs')
    .requiredOption('-o, --out-dir <dir>', 'where the merged class goes (may be one of the inputs)')
    .option('--assignment <name>', "assignment column of the Canvas gradebook (default: the shards')")
    .option('--roster <csv>', 'folder → name, login, SIS id (as for batch)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .action(async (dirs: string[], options: { outDir: string; assignment?: string; roster?: string }) => {
      for (const dir of dirs) await assertInputFolder('Shard output', dir);
      await assertWritableDestination('--out-dir', options.outDir, 'folder');
      const summary = await mergeOutputs({ dirs, ...options });
      process.stderr.write(`Merged ${summary.students.length} student(s) from ${dirs.length} folder(s).\n`);
      if (summary.missingShards.length > 0) {
        process.stderr.write(
          `Warning: shard(s) ${summary.missingShards.join(', ')} are missing from the merge.\n`,
        );
      }
      process.stderr.write(renderSummary({ ...summary, graded: summary.students.length, resumed: 0 }));
      process.exitCode = summary.errors > 0 || summary.missingShards.length > 0 ? 1 : 0;
    });
}
