import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { parseFormatSpec } from '../reporters/index.js';
import { assertWritableDestination } from './writable-path.js';

/**
 * Validates every `--format FMT[:FILE]` before grading starts: known formats, no file named twice, and each file
 * writable once the run ends (not a folder, not under /proc or /sys, not read-only, its folder creatable).
 */
export async function assertReportDestinations(specs: readonly string[]): Promise<void> {
  const byFile = new Map<string, string>();
  for (const spec of specs) {
    const { file } = parseFormatSpec(spec);
    if (file === undefined) continue;
    const full = resolve(file);
    const other = byFile.get(full);
    if (other !== undefined)
      throw new UsageError(`--format ${spec} and --format ${other} write the same file.`);
    byFile.set(full, spec);
    await assertWritableDestination(`--format ${spec}`, file, 'file');
  }
}
