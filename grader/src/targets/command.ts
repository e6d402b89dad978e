import { UsageError } from '../errors.js';
import { NOTHING_TO_PREPARE, type Target } from './target.js';
import { startProcessTarget } from './process-target.js';

/** `--proxy-cmd "CMD {port}"`: any command line that starts a proxy on the port put in place of {port}. */
export function createCommandTarget(commandLine: string, cwd = process.cwd()): Target {
  if (!commandLine.includes('{port}')) {
    throw new UsageError('--proxy-cmd must contain {port} where the port number goes.', [
      `got: ${commandLine}`,
      'example: --proxy-cmd "./proxy {port}"',
    ]);
  }
  return {
    kind: 'command',
    description: `command: ${commandLine}`,
    restartable: true,
    notes: [],
    prepare: async () => NOTHING_TO_PREPARE,
    start: (options) =>
      startProcessTarget(
        { command: (port) => ({ shell: commandLine.replaceAll('{port}', String(port)) }), cwd },
        options,
      ),
  };
}
