import type { Bilingual } from '../types.js';
import { TargetError, UsageError } from '../errors.js';
import { connectDocker, dockerMessage } from './container/docker.js';
import type { ImageCommand } from './container/port-argument.js';
import { startProxyContainer } from './container/proxy-container.js';
import { CONTAINER_LIMITS } from './container/settings.js';
import { NOTHING_TO_PREPARE, type Target } from './target.js';

/** Where the proxy containers of a run go: the network namespace of the holder this grader runs in. */
export interface ContainerContext {
  holderId: string;
}

export const CONTAINER_NOTE: Bilingual = {
  en: `The proxy runs in a container that reaches nothing but the grader (it shares only the grader's loopback), limited to ${CONTAINER_LIMITS.memoryMiB} MiB of memory, ${CONTAINER_LIMITS.cpus} CPU, ${CONTAINER_LIMITS.pids} processes and threads and ${CONTAINER_LIMITS.openFiles} open files.`,
  ko: `프록시는 채점기 외에는 아무 데도 닿지 않는 컨테이너에서 실행됩니다(채점기의 루프백만 공유). 제한: 메모리 ${CONTAINER_LIMITS.memoryMiB} MiB, CPU ${CONTAINER_LIMITS.cpus}개, 프로세스·스레드 ${CONTAINER_LIMITS.pids}개, 열린 파일 ${CONTAINER_LIMITS.openFiles}개.`,
};

/** The ENTRYPOINT and CMD an image runs by default. */
export async function inspectImageCommand(image: string): Promise<ImageCommand> {
  const { docker } = await connectDocker();
  try {
    const { Config } = await docker.getImage(image).inspect();
    return { Entrypoint: Config.Entrypoint as string[] | null, Cmd: Config.Cmd };
  } catch (cause) {
    throw new TargetError(`Image ${image} cannot be inspected: ${dockerMessage(cause)}`, { cause });
  }
}

/**
 * `--image NAME`: a proxy image, started with testcontainers in a fresh container for every (re)start, on a port
 * given by its command (see container/port-argument.ts), inside the network of the holder the grader runs in.
 * The CLI sets that up (`proxylab-grade --image NAME`); without a holder there is no network to share.
 */
export function createImageTarget(image: string, context?: ContainerContext): Target {
  if (!context) {
    throw new UsageError(
      `Grading image ${image} needs the grader to run inside the container's network: use \`proxylab-grade --image ${image}\`.`,
    );
  }
  let command: ImageCommand | undefined;
  return {
    kind: 'image',
    description: `image ${image}`,
    restartable: true,
    notes: [CONTAINER_NOTE],
    async prepare() {
      command = await inspectImageCommand(image);
      return NOTHING_TO_PREPARE;
    },
    async start(options) {
      command ??= await inspectImageCommand(image);
      return startProxyContainer({ image, command, holderId: context.holderId }, options);
    },
  };
}
