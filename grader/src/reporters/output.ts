import { appendFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ReportWriteError } from './errors.js';
import { makeDirectory } from './make-directory.js';
import type { OutTarget } from './types.js';

/**
 * Writes a report: to a file path (created with its folders, replaced unless `append`), to a stream (never
 * ended: it may be stdout), or to stdout when `out` is undefined.
 */
export async function writeOutput(out: OutTarget, text: string, what: string, append = false): Promise<void> {
  if (typeof out === 'string') {
    try {
      await makeDirectory(dirname(out));
      await (append ? appendFile(out, text) : writeFile(out, text));
    } catch (error) {
      throw new ReportWriteError(`The ${what} report could not be written to ${out}.`, error);
    }
    return;
  }
  const stream = out ?? process.stdout;
  await new Promise<void>((resolve, reject) => {
    stream.write(text, (error) =>
      error ? reject(new ReportWriteError(`The ${what} report could not be written.`, error)) : resolve(),
    );
  });
}
