import { connectDocker } from '../../targets/container/docker.js';
import { assertCanEnterNamespaces } from '../../targets/container/enter-holder.js';
import { CONTAINER_LIMITS } from '../../targets/container/settings.js';
import type { SandboxPlan } from './plan.js';

/** How long a job's grader gets after SIGTERM to remove its containers before it is killed. */
export const DOCKER_STOP_GRACE_MS = 20_000;

/**
 * `--sandbox docker`: each child grader runs `--sandbox docker --submission <copy>`, which builds the copy into an
 * image and grades it in a container (see grader/src/targets/container). The child graders themselves run as
 * root (nsenter, the Docker socket), outside namespaces; the student's code only ever runs in containers.
 */
export async function planDockerSandbox(): Promise<SandboxPlan> {
  assertCanEnterNamespaces();
  await connectDocker();
  const { memoryMiB, cpus, pids } = CONTAINER_LIMITS;
  return {
    info: {
      mode: 'docker',
      maxProcesses: pids,
      notes: [
        `Each submission is built (make, with no network) and run in its own Docker container that reaches nothing but its grader, limited to ${memoryMiB} MiB of memory, ${cpus} CPU and ${pids} processes; containers and images are removed after each job.`,
      ],
    },
  };
}
