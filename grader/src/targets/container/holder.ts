import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { TargetError } from '../../errors.js';
import { connectDocker, dockerMessage, ensureImage } from './docker.js';
import { JOB_MARKER } from '../../process/job-marker.js';
import { JOB_LABEL, PROXYLAB_LABEL, ROLE_LABEL, SESSION_LABEL } from './settings.js';
import { removeContainers } from './sweep.js';

/** A container with no network (only its own loopback), kept alive so others can share its network namespace. */
export interface NetworkHolder {
  readonly id: string;
  /** the holder's process on this machine */
  readonly pid: number;
  /** /proc/<pid>/ns/net: what `nsenter --net=` enters */
  readonly netnsPath: string;
}

const HOLD_SCRIPT = 'while :; do sleep 3600; done';
const RUN_LABEL = 'org.proxylab.run';

/**
 * Starts a holder from `image` (which must have /bin/sh and sleep) with `--network none`, and checks that its
 * process is visible here: the grader can only join its network when the engine runs on this machine.
 */
export async function startNetworkHolder(image: string): Promise<NetworkHolder> {
  const { tc, docker } = await connectDocker();
  await ensureImage(image);
  const run = randomBytes(6).toString('hex');
  const job = process.env[JOB_MARKER];
  const session = process.env.PROXYLAB_SESSION;
  let id: string;
  try {
    const started = await new tc.GenericContainer(image)
      .withNetworkMode('none')
      .withEntrypoint(['/bin/sh', '-c', HOLD_SCRIPT])
      .withLabels({
        [PROXYLAB_LABEL]: '1',
        [ROLE_LABEL]: 'network-holder',
        [RUN_LABEL]: run,
        ...(job ? { [JOB_LABEL]: job } : {}),
        ...(session ? { [SESSION_LABEL]: session } : {}),
      })
      .withResourcesQuota({ memory: 64 / 1024, cpu: 0.2 })
      .start();
    id = started.getId();
  } catch (cause) {
    await removeContainers(`${RUN_LABEL}=${run}`);
    throw new TargetError(
      `Could not start a container from image ${image} to hold the grading network: ${dockerMessage(cause)}`,
      {
        cause,
        details: [
          'The holder runs `/bin/sh -c "while :; do sleep 3600; done"` from the image under test;',
          'for an image without a shell, set PROXYLAB_HOLDER_IMAGE to any local image that has one.',
        ],
      },
    );
  }
  const pid = (await docker.getContainer(id).inspect()).State.Pid;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'latin1').catch(() => '');
  if (pid <= 0 || !cmdline.includes(HOLD_SCRIPT)) {
    await removeContainers(`${RUN_LABEL}=${run}`);
    throw new TargetError(
      `The Docker engine does not run on this machine (its container process ${pid} is not in /proc here), so the grader cannot share a network with the proxy: run the grader on the Docker host.`,
    );
  }
  return { id, pid, netnsPath: `/proc/${pid}/ns/net` };
}
