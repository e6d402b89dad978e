import { UsageError } from '../errors.js';
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
}

/** Builds the one target the options name (none: the bundled reference proxy). */
export async function createTarget(choice: TargetChoice): Promise<Target> {
  const named = (['submission', 'proxyCmd', 'address', 'image'] as const).filter((key) => choice[key]);
  if (named.length > 1) {
    throw new UsageError('Give at most one target: --submission, --proxy-cmd, --address or --image.', [
      `got: ${named.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}`,
    ]);
  }
  if (choice.submission) {
    const dir = await assertSubmissionDir(choice.submission);
    return createSubmissionTarget(dir, { makeTimeoutMs: (choice.makeTimeout ?? 120) * 1000 });
  }
  if (choice.proxyCmd) return createCommandTarget(choice.proxyCmd);
  if (choice.address) return createAddressTarget(choice.address);
  if (choice.image) {
    const { createImageTarget } = await import('./image.js');
    return createImageTarget(choice.image);
  }
  return createReferenceTarget();
}
