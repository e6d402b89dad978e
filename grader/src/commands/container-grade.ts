import { DEFAULT_MAKE_TIMEOUT_SECONDS } from '../defaults.js';
import { UsageError } from '../errors.js';
import { connectDocker } from '../targets/container/docker.js';
import { assertCanEnterNamespaces, runGraderInHolder } from '../targets/container/enter-holder.js';
import { onInterrupt } from '../process/interrupt-cleanups.js';
import { type NetworkHolder, startNetworkHolder } from '../targets/container/holder.js';
import { createSandboxedSubmissionTarget } from '../targets/container/sandboxed-submission.js';
import { gccImage } from '../targets/container/settings.js';
import { removeRunLeftovers } from '../targets/container/sweep.js';
import { createImageTarget } from '../targets/image.js';
import { assertSubmissionDir } from '../targets/submission.js';
import type { Target } from '../targets/target.js';

/** The flags of the grade command this file reads. */
export interface ContainerOptions {
  image?: string;
  submission?: string;
  proxyCmd?: string;
  address?: string;
  sandbox?: 'docker';
  /** set by the outer grader on the child it runs inside the holder's network */
  insideNetns?: string;
  /** seconds */
  makeTimeout?: number;
  verbose?: boolean;
}

/** True when the proxy under test runs in a container (`--image`, or `--sandbox docker --submission`). */
export function usesContainers(options: ContainerOptions): boolean {
  return Boolean(options.image) || options.sandbox === 'docker';
}

function assertContainerChoice(options: ContainerOptions): void {
  if (options.sandbox === 'docker' && !options.submission) {
    throw new UsageError(
      '--sandbox docker builds and runs a --submission DIR in a container; give --submission.',
      ['to grade a ready image instead: --image NAME'],
    );
  }
  const others = (['submission', 'proxyCmd', 'address'] as const).filter((key) => options[key]);
  if (options.image && (others.length > 0 || options.sandbox)) {
    throw new UsageError('--image cannot be combined with another target or with --sandbox.', [
      `got: --image with ${[...others.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`), ...(options.sandbox ? ['--sandbox'] : [])].join(', ')}`,
    ]);
  }
}

/**
 * The outer half of container grading: starts a network holder (a container with no network at all), runs this
 * grader again inside its network namespace (`nsenter`), relays its exit code, and removes the holder, the proxy
 * containers and any image built for the run on every path (Ctrl-C and SIGTERM included).
 */
export async function runInContainerNetwork(options: ContainerOptions, args: string[]): Promise<number> {
  assertContainerChoice(options);
  if (options.submission) await assertSubmissionDir(options.submission);
  const nsenter = assertCanEnterNamespaces();
  await connectDocker();
  const holderImage = process.env.PROXYLAB_HOLDER_IMAGE || options.image || gccImage();
  let child: ReturnType<typeof runGraderInHolder> | undefined;
  const starting = startNetworkHolder(holderImage);
  const cleanUp = async () => {
    await child?.stop();
    // an interrupt while the holder starts: wait for it, so that it is removed too
    const holder = await starting.catch(() => undefined);
    if (holder) await removeRunLeftovers(holder.id);
  };
  const forget = onInterrupt(cleanUp);
  try {
    const holder: NetworkHolder = await starting;
    if (options.verbose) {
      process.stderr.write(
        `[grader] network holder ${holder.id.slice(0, 12)} (pid ${holder.pid}, ${holderImage})\n`,
      );
    }
    child = runGraderInHolder(holder, args, nsenter);
    return await child.exit;
  } finally {
    forget();
    await cleanUp();
  }
}

/** --find-pid applies to --address only. */
export function assertAddress(target: Target): Target {
  if (target.kind !== 'address') throw new UsageError('--find-pid goes with --address HOST:PORT only.');
  return target;
}

/** The inner half: the target the child grader (already inside the holder's network) grades. */
export async function createContainerTarget(
  options: ContainerOptions,
  log: ((line: string) => void) | undefined,
): Promise<Target> {
  assertContainerChoice(options);
  const holderId = options.insideNetns;
  if (!holderId || !usesContainers(options)) {
    throw new UsageError('--inside-netns is set by the grader itself, for --image or --sandbox docker only.');
  }
  if (options.image) return createImageTarget(options.image, { holderId });
  const dir = await assertSubmissionDir(options.submission as string);
  return createSandboxedSubmissionTarget(dir, {
    holderId,
    makeTimeoutMs: (options.makeTimeout ?? DEFAULT_MAKE_TIMEOUT_SECONDS) * 1000,
    log,
  });
}
