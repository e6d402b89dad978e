import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGroup } from '../process/start-group.js';
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
    // in our process group, as before: a terminal's Ctrl-C reaches the grading too
    await startGroup(process.execPath, [cli, ...args, ...formats, ...extra, '--format', `json:${json}`], {
      stdio: 'inherit',
      sameGroup: true,
    }).result;
    const text = await readFile(json, 'utf8').catch(() => undefined);
    return text ? (JSON.parse(text) as RunReport) : undefined;
  };
  try {
    let failed: string[] = [];
    for (let round = 1; ; round++) {
      // what the sources were when this round began: an edit made while it was grading starts the next one
      const sources = await snapshotSources(dir);
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
      const changed = await nextChange(dir, sources);
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

/** Size and mtime of every source file below `dir` (build outputs left out). */
export async function snapshotSources(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const walk = async (sub: string): Promise<void> => {
    const entries = await readdir(join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (BUILD_OUTPUT.test(rel)) continue;
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile()) {
        const info = await stat(join(dir, rel)).catch(() => undefined);
        if (info) found.set(rel, `${info.size}:${info.mtimeMs}`);
      }
    }
  };
  await walk('');
  return found;
}

/**
 * Resolves with the name of a source file that differs from `since` (an edit made while grading counts too),
 * once no further change came for `settleMs` (an editor's save is often several writes). Polls: fs.watch's
 * recursive mode is set up asynchronously on Linux, so a save right after it starts could be missed.
 */
export async function nextChange(
  dir: string,
  since: Map<string, string>,
  options: { intervalMs?: number; settleMs?: number } = {},
): Promise<string> {
  const interval = options.intervalMs ?? 250;
  let last = since;
  let changed: string | undefined;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    const now = await snapshotSources(dir);
    const diff = [...new Set([...now.keys(), ...last.keys()])].find(
      (file) => now.get(file) !== last.get(file),
    );
    if (diff) {
      changed ??= diff;
      last = now;
      continue;
    }
    // quiet for one interval after a change: the save is complete
    if (changed && interval >= (options.settleMs ?? 200)) return changed;
    if (changed) {
      await new Promise((resolve) => setTimeout(resolve, (options.settleMs ?? 200) - interval));
      return changed;
    }
  }
}
