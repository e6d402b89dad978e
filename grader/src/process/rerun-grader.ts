import { shellExitCode } from './process-result.js';
import { startGroup } from './start-group.js';

/** This grader run again under a launcher (unshare, nsenter), in a group of its own, its output ours. */
export interface GraderRerun {
  /** its exit code (128 + n after signal n, 127 when the launcher could not start) */
  readonly exit: Promise<number>;
  /** SIGTERM to its group (it stops what it started), SIGKILL after `graceMs`; resolves once it is gone */
  stop(): Promise<void>;
}

/**
 * Runs `launcher` (argv ending where the grader's own argv goes), then node, this grader's script and `args`,
 * with stdout and stderr ours.
 */
export function rerunGrader(
  launcher: string[],
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; stdin: 'ignore' | 'inherit'; graceMs: number },
): GraderRerun {
  const script = process.argv[1] as string;
  const [file, ...prefix] = launcher as [string, ...string[]];
  const group = startGroup(file, [...prefix, process.execPath, ...process.execArgv, script, ...args], {
    env: options.env,
    stdin: options.stdin,
    stdio: 'inherit',
  });
  const exit = group.exit.then((ended) => {
    if (ended.startError) {
      process.stderr.write(`proxylab-grade: could not run ${file}: ${ended.startError}\n`);
    }
    return shellExitCode(ended);
  });
  return {
    exit,
    async stop() {
      await group.stop(options.graceMs);
    },
  };
}
