import { UsageError } from '../errors.js';
import { type JailSettings, notJailedNote, openRunJail, type StudentSpawner } from './jailed.js';
import { startProcessTarget } from './process-target.js';
import { NOTHING_TO_PREPARE, type Target } from './target.js';

/**
 * `--proxy-cmd "CMD {port}"`: any command line that starts a proxy on the port put in place of {port}. With
 * `jail` (root with bubblewrap) it runs jailed, seeing the toolchain and the current folder read-only.
 */
export function createCommandTarget(
  commandLine: string,
  cwd = process.cwd(),
  options: { jail?: JailSettings } = {},
): Target {
  if (!commandLine.includes('{port}')) {
    throw new UsageError('--proxy-cmd must contain {port} where the port number goes.', [
      `got: ${commandLine}`,
      'example: --proxy-cmd "./proxy {port}"',
    ]);
  }
  const jail = openRunJail(options.jail);
  const notes: string[] = [];
  let spawn: StudentSpawner | undefined;
  if (jail && 'missing' in jail) notes.push(notJailedNote(jail.missing));
  else if (jail) {
    notes.push(`${jail.note('the command')} The current folder is read-only to it.`);
    // binding / would show the whole host: a command started there gets an empty /tmp as its folder
    spawn = jail.spawner(
      cwd === '/' ? { writable: [], readOnly: [], cwd: '/tmp' } : { writable: [], readOnly: [cwd], cwd },
    );
  }
  return {
    kind: 'command',
    description: `command: ${commandLine}`,
    restartable: true,
    notes,
    prepare: async () => NOTHING_TO_PREPARE,
    start: (options) =>
      startProcessTarget(
        { command: (port) => ({ shell: commandLine.replaceAll('{port}', String(port)) }), cwd, spawn },
        options,
      ),
  };
}
