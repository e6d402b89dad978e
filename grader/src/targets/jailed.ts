import { TargetError } from '../errors.js';
import type { GroupProcess } from '../process/process-group.js';
import type { Bilingual } from '../types.js';
import { jailNote } from './jail-note.js';
import {
  type Jail,
  type JailLimitOverrides,
  type JailSupport,
  type JailView,
  MAKE_JAIL_LIMITS,
  PROXY_JAIL_LIMITS,
  pickJailUid,
  spawnJailed,
  withOverrides,
} from '../process/jail/index.js';

/** How a target runs student code: jailed (when `support` allows it), with these limit overrides. */
export interface JailSettings {
  support: JailSupport;
  limits?: JailLimitOverrides;
  /** 'isolated' when the grading runs in its own network namespace, else why it does not */
  network?: string;
}

/** A started process a target can stop, plus the command's own pid when a jail stands in between. */
export type StudentProcess = GroupProcess & { commandPid?(): number | undefined; limitHits?(): string[] };

/** Starts `command` for a target: `who` names it in limit messages ('make', 'the proxy'). */
export type StudentSpawner = (
  command: string[] | { shell: string },
  who: 'make' | 'the proxy',
) => Promise<StudentProcess>;

/**
 * Set by `proxylab-grade batch` on a child grader it runs as root: the job's own uid, which the jail must use so
 * the batch can find (and sweep) every process of the job by uid. Honoured only when the grader is root.
 */
export const JAIL_UID_ENV = 'PROXYLAB_JAIL_UID';

/** The uid the batch gave this grader, when it is a plausible unprivileged one (above 65535, below 2^31). */
export function batchJailUid(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const uid = Number(env[JAIL_UID_ENV]);
  return Number.isInteger(uid) && uid > 65_535 && uid < 2 ** 31 ? uid : undefined;
}

/** One run's jail: a fresh uid (or the batch job's), the settings' limits, and the view the caller gives later. */
export class RunJail {
  readonly uid = batchJailUid() ?? pickJailUid();
  constructor(readonly settings: JailSettings & { support: Extract<JailSupport, { available: true }> }) {}

  /** A spawner that runs commands jailed with this view. */
  spawner(view: JailView): StudentSpawner {
    const jail: Jail = { support: this.settings.support, uid: this.uid, view };
    return (command, who) =>
      spawnJailed(jail, command, {
        who,
        limits: withOverrides(who === 'make' ? MAKE_JAIL_LIMITS : PROXY_JAIL_LIMITS, this.settings.limits),
      });
  }

  /** The one line the report's target notes carry. */
  note(what: Bilingual): Bilingual {
    const proxyLimits = withOverrides(PROXY_JAIL_LIMITS, this.settings.limits);
    const { support, network } = this.settings;
    return jailNote({ what, uid: this.uid, support, proxyLimits, network });
  }
}

/** The jail for a run, or the one-line note saying why student code runs unjailed. */
export function openRunJail(settings: JailSettings | undefined): RunJail | { missing: string } | undefined {
  if (!settings) return undefined;
  if (!settings.support.available) {
    // a batch that handed us a job's uid relies on the jail: never run its student code unjailed as root
    if (batchJailUid() !== undefined && process.getuid?.() === 0)
      throw new TargetError(`The batch asked for a jail, but ${settings.support.missing}.`);
    return { missing: settings.support.missing };
  }
  return new RunJail({ ...settings, support: settings.support });
}

export { notJailedNote } from './jail-note.js';
