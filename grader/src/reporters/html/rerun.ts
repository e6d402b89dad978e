import type { RunReport } from '../../types.js';
import { isInternalPath, submissionDir } from '../target-name.js';

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

function targetArgs(report: RunReport): string[] {
  const { kind, description } = report.target;
  const after = (prefix: string) => (description.startsWith(prefix) ? description.slice(prefix.length) : '');
  switch (kind) {
    case 'submission': {
      const dir = submissionDir(report);
      return ['--submission', dir === undefined || isInternalPath(dir) ? './your-proxylab-folder' : dir];
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
