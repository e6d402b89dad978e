import { TargetError } from '../../errors.js';
import { findCommand } from '../../process/find-command.js';
import { type GraderRerun, rerunGrader } from '../../process/rerun-grader.js';
import type { NetworkHolder } from './holder.js';
import { INSIDE_FLAG } from './settings.js';

/** Time a child grader gets to stop its proxy container after SIGTERM before it is killed. */
const CHILD_GRACE_MS = 10_000;

/** Fails with one sentence when this process cannot enter another network namespace. */
export function assertCanEnterNamespaces(): string {
  if (process.platform !== 'linux') {
    throw new TargetError(
      `Container grading needs Linux (this is ${process.platform}): the grader joins the container's network namespace.`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new TargetError(
      "Container grading needs root: the grader enters the container's network namespace with nsenter (or use docker compose, see docker/README.md).",
    );
  }
  const nsenter = findCommand('nsenter');
  if (!nsenter)
    throw new TargetError('Container grading needs nsenter (util-linux), which is not installed.');
  return nsenter;
}

/** The child grader running inside the holder's network namespace (it removes its proxy container on SIGTERM). */
export type GraderInHolder = GraderRerun;

/**
 * Runs this grader again, with the same arguments plus `--inside-netns <holder>`, inside the holder's network
 * namespace: the origins it hosts on 127.0.0.1 are then reachable by a proxy container sharing that namespace, and
 * by nothing else. Its output goes straight to ours.
 */
export function runGraderInHolder(holder: NetworkHolder, args: string[], nsenter: string): GraderInHolder {
  if (!process.argv[1])
    throw new TargetError('Cannot tell which script runs the grader (process.argv[1] is empty).');
  return rerunGrader([nsenter, `--net=${holder.netnsPath}`, '--'], [...args, INSIDE_FLAG, holder.id], {
    stdin: 'ignore',
    graceMs: CHILD_GRACE_MS,
  });
}
