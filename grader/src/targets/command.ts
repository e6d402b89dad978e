import { UsageError } from '../errors.js';
import { type JailSettings, notJailedNote, openRunJail, type StudentSpawner } from './jailed.js';
import { startProcessTarget } from './process-target.js';
import { NOTHING_TO_PREPARE, type Target } from './target.js';
import type { Text } from '../types.js';

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
  const notes: Text[] = [];
  let spawn: StudentSpawner | undefined;
  if (jail && 'missing' in jail) notes.push(notJailedNote(jail.missing));
  else if (jail) {
    const note = jail.note({ en: 'the command', ko: '명령' });
    notes.push({
      en: `${note.en} The current folder is read-only to it.`,
      ko: `${note.ko} 현재 폴더는 읽기 전용으로만 보입니다.`,
    });
    // binding / would show the whole host: a command started there gets an empty /tmp as its folder
    spawn = jail.spawner(
      cwd === '/' ? { writable: [], readOnly: [], cwd: '/tmp' } : { writable: [], readOnly: [cwd], cwd },
    );
  }
  return {
    kind: 'command',
    description: { en: `command: ${commandLine}`, ko: `명령: ${commandLine}` },
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
