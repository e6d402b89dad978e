import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../types.js';

/** Files a build writes: a change to them is the grader's own doing, not the student's. */
const BUILD_OUTPUT = /(^|\/)(proxy|core(\.\d+)?|a\.out)$|\.(o|d|tmp|swp)$|(^|\/)\.git\//;

/**
 * `--watch`: grades, then waits for the submission's sources to change and grades again, the checks that failed
 * last time first (as vitest reruns failed tests first), then all of them. Ctrl-C stops it.
 */
export async function runWatch(args: readonly string[], dir: string, out = process.stdout): Promise<number> {
  const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
  const scratch = await mkdtemp(join(tmpdir(), 'proxylab-watch-'));
  const grade = async (extra: string[]): Promise<RunReport | undefined> => {
    const json = join(scratch, 'report.json');
    await rm(json, { force: true });
    const formats = args.includes('--format') || args.includes('-f') ? [] : ['--format', 'terminal'];
    await new Promise<void>((done) => {
      const child = spawn(
        process.execPath,
        [cli, ...args, ...formats, ...extra, '--format', `json:${json}`],
        {
          stdio: ['ignore', 'inherit', 'inherit'],
        },
      );
      child.once('close', () => done());
      child.once('error', () => done());
    });
    const text = await readFile(json, 'utf8').catch(() => undefined);
    return text ? (JSON.parse(text) as RunReport) : undefined;
  };
  try {
    let failed: string[] = [];
    for (let round = 1; ; round++) {
      if (failed.length > 0) {
        out.write(
          `\n[watch] the ${failed.length} check(s) that failed last time first: ${failed.join(', ')}\n`,
        );
        const first = await grade(['--only', failed.join(',')]);
        const stillFailing = failedChecks(first);
        out.write(
          `[watch] ${failed.length - stillFailing.length} of ${failed.length} now pass; now every check\n`,
        );
      }
      failed = failedChecks(await grade([]));
      out.write(`\n[watch] round ${round} done. Watching ${basename(dir)}/ for changes (Ctrl-C to stop)…\n`);
      const changed = await nextChange(dir);
      out.write(`[watch] ${changed} changed: building and grading again\n`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function failedChecks(report: RunReport | undefined): string[] {
  if (!report) return [];
  return report.suites
    .flatMap((s) => s.checks)
    .filter((c) => !c.passed && !c.skipped)
    .map((c) => c.id);
}

/** Resolves with the first changed source file's name, 200 ms after the last event of a burst (an editor's save). */
export function nextChange(dir: string, settleMs = 200): Promise<string> {
  return new Promise((resolve) => {
    let first: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    const watcher = watch(dir, { recursive: true }, (_event, name) => {
      const file = name ? String(name) : '';
      if (!file || BUILD_OUTPUT.test(file)) return;
      first ??= file;
      clearTimeout(timer);
      timer = setTimeout(() => {
        watcher.close();
        resolve(first as string);
      }, settleMs);
    });
  });
}
