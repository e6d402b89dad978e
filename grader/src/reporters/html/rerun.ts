import { tmpdir } from 'node:os';
import type { RunReport } from '../../types.js';

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);

/**
 * The command that grades this one check again on the student's machine, with the same corpus: the seed, the
 * rubric and the target. A submission graded from a temporary copy (batch, Gradescope) is named as the student's
 * own folder, never the grader's internal path.
 */
export function rerunCommand(report: RunReport, checkId: string): string {
  const args = ['npm', 'run', 'grade', '--', ...targetArgs(report)];
  if (report.rubric !== 'default') args.push('--rubric', report.rubric);
  args.push('--only', checkId, '--seed', report.seed);
  if (report.lang === 'ko') args.push('--lang', 'ko');
  return args.map(quote).join(' ');
}

/** The target as the page names it: a submission graded from an internal copy is named by its folder alone. */
export function displayTarget(report: RunReport): string {
  const dir = submissionDir(report);
  if (dir === undefined || !isInternal(dir)) return report.target.description;
  return report.target.description.replace(dir, dir.split('/').filter(Boolean).pop() ?? dir);
}

function submissionDir(report: RunReport): string | undefined {
  if (report.target.kind !== 'submission') return undefined;
  return /^submission (.+) \(make/.exec(report.target.description)?.[1];
}

const isInternal = (dir: string) =>
  dir.startsWith(tmpdir()) || dir.startsWith('/tmp/') || dir.includes('proxylab-');

function targetArgs(report: RunReport): string[] {
  const { kind, description } = report.target;
  const after = (prefix: string) => (description.startsWith(prefix) ? description.slice(prefix.length) : '');
  switch (kind) {
    case 'submission': {
      const dir = submissionDir(report);
      return ['--submission', dir === undefined || isInternal(dir) ? './your-proxylab-folder' : dir];
    }
    case 'command':
      return ['--proxy-cmd', after('command: ')];
    case 'address':
      return ['--address', after('running proxy at ')];
    case 'image':
      return ['--image', after('image ')];
    default:
      return [];
  }
}
