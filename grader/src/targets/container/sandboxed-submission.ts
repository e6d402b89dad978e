import { inspectImageCommand } from '../image.js';
import type { Target } from '../target.js';
import type { ImageCommand } from './port-argument.js';
import { startProxyContainer } from './proxy-container.js';
import { CONTAINER_LIMITS, submissionImageTag } from './settings.js';
import { buildSubmissionImage } from './submission-image.js';

/**
 * `--sandbox docker --submission DIR`: the handout is built into an image (docker/submission.Dockerfile, no network
 * during make) and every start runs that image like `--image`. The image is removed by the outer grader at the end.
 */
export function createSandboxedSubmissionTarget(
  dir: string,
  options: { holderId: string; makeTimeoutMs: number; log?: (line: string) => void },
): Target {
  const tag = submissionImageTag(options.holderId);
  let command: ImageCommand | undefined;
  return {
    kind: 'submission',
    description: `submission ${dir} (built and run in a Docker container with ${CONTAINER_LIMITS.memoryMiB} MiB, ${CONTAINER_LIMITS.cpus} CPU, ${CONTAINER_LIMITS.pids} processes: make, then ./proxy <port>)`,
    restartable: true,
    // none, like a plain submission: a failed build's reason must stay the first note (the batch reports it)
    notes: [],
    async prepare() {
      const built = await buildSubmissionImage({
        dir,
        tag,
        buildId: options.holderId,
        timeoutMs: options.makeTimeoutMs,
        log: options.log ?? (() => {}),
      });
      if (built.ok) command = await inspectImageCommand(tag);
      return built;
    },
    async start(startOptions) {
      command ??= await inspectImageCommand(tag);
      return startProxyContainer({ image: tag, command, holderId: options.holderId }, startOptions);
    },
  };
}
