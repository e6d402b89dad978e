import { TargetError } from '../../errors.js';

export type Testcontainers = typeof import('testcontainers');
type RuntimeClient = Awaited<ReturnType<Testcontainers['getContainerRuntimeClient']>>;
export type Dockerode = RuntimeClient['container']['dockerode'];

/** testcontainers and the engine it found, loaded once per process (the import alone takes about a second). */
export interface DockerSession {
  tc: Testcontainers;
  client: RuntimeClient;
  docker: Dockerode;
}

let session: Promise<DockerSession> | undefined;

/**
 * Connects to the local Docker engine through testcontainers. Its reaper (Ryuk) is switched off: it could not be
 * reached from inside the grading network namespace, and its image cannot be pulled everywhere; the grader removes
 * every container itself and labels them all, so leftovers can be found (`docker ps -a --filter label=org.proxylab=1`).
 */
export function connectDocker(): Promise<DockerSession> {
  session ??= (async () => {
    process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
    // the engine is local (checked through /proc later): no helper container to find the host's address
    process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
    const tc = await import('testcontainers');
    try {
      const client = await tc.getContainerRuntimeClient();
      return { tc, client, docker: client.container.dockerode };
    } catch (cause) {
      session = undefined;
      const where = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
      throw new TargetError(
        `No Docker engine answers at ${where}: start one (\`docker info\` must work) or grade without --image / --sandbox docker.`,
        { cause, details: [String((cause as Error).message ?? cause)] },
      );
    }
  })();
  return session;
}

/** The message of a Docker API error, without the HTTP preamble dockerode puts in front. */
export function dockerMessage(error: unknown): string {
  const e = error as { json?: { message?: string }; message?: string };
  return (e.json?.message ?? e.message ?? String(error)).replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

/** Makes sure `image` is on this machine: present, or pulled now; one sentence when neither works. */
export async function ensureImage(image: string, hint?: string): Promise<void> {
  const { tc, client } = await connectDocker();
  const name = tc.ImageName.fromString(image);
  if (await client.image.exists(name)) return;
  await client.image.pull(name).catch((cause: unknown) => {
    throw new TargetError(
      `Image ${image} is not on this machine and could not be pulled: ${dockerMessage(cause)}`,
      {
        cause,
        details: hint ? [hint] : [],
      },
    );
  });
}
