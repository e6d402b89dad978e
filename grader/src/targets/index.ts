import { DEFAULT_MAKE_TIMEOUT_SECONDS } from '../defaults.js';
import { UsageError } from '../errors.js';
import { detectJail } from '../process/jail/index.js';
import { createAddressTarget } from './address.js';
import { createCommandTarget } from './command.js';
import { createReferenceTarget } from './reference.js';
import { assertSubmissionDir, createSubmissionTarget } from './submission.js';
import type { Target } from './target.js';

export interface TargetChoice {
  submission?: string;
  proxyCmd?: string;
  address?: string;
  image?: string;
  /** seconds */
  makeTimeout?: number;
  /** --memory MiB and --pids N for jailed student code */
  memory?: number;
  pids?: number;
  /** 'isolated' when this grading runs in its own network namespace, else why not */
  network?: string;
}

/** Builds the one target the options name (none: the bundled reference proxy). */
export async function createTarget(choice: TargetChoice): Promise<Target> {
  const named = (['submission', 'proxyCmd', 'address', 'image'] as const).filter((key) => choice[key]);
  if (named.length > 1) {
    throw new UsageError('Give at most one target: --submission, --proxy-cmd, --address or --image.', [
      `got: ${named.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`,
    ]);
  }
  // student code (a submission, or a command when root) runs jailed wherever this host allows it
  const jail = async () => ({
    support: await detectJail(),
    limits: { memoryMiB: choice.memory, pids: choice.pids },
    network: choice.network,
  });
  if (choice.submission) {
    const dir = await assertSubmissionDir(choice.submission);
    return createSubmissionTarget(dir, {
      makeTimeoutMs: (choice.makeTimeout ?? DEFAULT_MAKE_TIMEOUT_SECONDS) * 1000,
      jail: await jail(),
    });
  }
  if (choice.proxyCmd) {
    const root = process.getuid?.() === 0;
    return createCommandTarget(choice.proxyCmd, process.cwd(), { jail: root ? await jail() : undefined });
  }
  if (choice.address) return createAddressTarget(choice.address);
  if (choice.image) {
    const { createImageTarget } = await import('./image.js');
    return createImageTarget(choice.image);
  }
  return createReferenceTarget();
}
