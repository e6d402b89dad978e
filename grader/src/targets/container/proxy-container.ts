import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { findFreePort, waitForListening } from '../../process/port-probe.js';
import { OutputTail } from '../../process/output-tail.js';
import { isProcessGone } from '../../process/group-signal.js';
import { describeSignal } from '../../process/process-group.js';
import type { CrashInfo } from '../../types.js';
import type { StartResult, StartedTarget } from '../target.js';
import { readLogTail } from './container-logs.js';
import { connectDocker, dockerMessage, type Testcontainers } from './docker.js';
import { onInterrupt } from '../../process/interrupt-cleanups.js';
import { crashFromState } from './exit-status.js';
import { commandForPort, describeCommand, type ImageCommand } from './port-argument.js';
import { findProxyPid } from './proxy-pid.js';
import { CONTAINER_LIMITS, HOLDER_LABEL, PROXYLAB_LABEL, ROLE_LABEL } from './settings.js';
import { removeContainers } from './sweep.js';

export interface ProxyContainerLaunch {
  image: string;
  /** the image's ENTRYPOINT and CMD, inspected once */
  command: ImageCommand;
  /** the network holder whose namespace this grader runs in */
  holderId: string;
}

const START_LABEL = 'org.proxylab.start';
const MiB = 1024 * 1024;

/** GenericContainer plus what testcontainers has no builder for: a pids limit, no swap, and an init as PID 1. */
function createLimitedContainer(tc: Testcontainers, image: string) {
  class LimitedContainer extends tc.GenericContainer {
    constructor() {
      super(image);
      this.hostConfig.PidsLimit = CONTAINER_LIMITS.pids;
      this.hostConfig.MemorySwap = CONTAINER_LIMITS.memoryMiB * MiB;
      // PID 1 ignores signals it has no handler for (SIGPIPE would not kill a proxy): run the proxy under an init
      this.hostConfig.Init = true;
    }
  }
  return new LimitedContainer();
}

/**
 * Runs the image as a proxy on a free port of the holder's network (shared with this grader), under the container
 * limits, and waits until the port listens. Crash info comes from the container's state, output from its logs.
 */
export async function startProxyContainer(
  launch: ProxyContainerLaunch,
  options: { startupTimeoutMs: number; log: (line: string) => void },
): Promise<StartResult> {
  const { tc, docker } = await connectDocker();
  const port = await findFreePort();
  const cmd = commandForPort(launch.command, port);
  const start = randomBytes(6).toString('hex');
  let builder = createLimitedContainer(tc, launch.image)
    .withNetworkMode(`container:${launch.holderId}`)
    .withEnvironment({ PROXY_PORT: String(port) })
    .withLabels({
      [PROXYLAB_LABEL]: '1',
      [ROLE_LABEL]: 'proxy-under-test',
      [HOLDER_LABEL]: launch.holderId,
      [START_LABEL]: start,
    })
    .withResourcesQuota({ memory: CONTAINER_LIMITS.memoryMiB / 1024, cpu: CONTAINER_LIMITS.cpus })
    .withUlimits({
      nofile: { soft: CONTAINER_LIMITS.openFiles, hard: CONTAINER_LIMITS.openFiles },
      cpu: { soft: CONTAINER_LIMITS.cpuSeconds, hard: CONTAINER_LIMITS.cpuSeconds },
      fsize: { soft: CONTAINER_LIMITS.fileSizeMiB * MiB, hard: CONTAINER_LIMITS.fileSizeMiB * MiB },
      core: { soft: 0, hard: 0 },
    })
    .withDroppedCapabilities('ALL')
    .withSecurityOpt('no-new-privileges:true');
  if (cmd) builder = builder.withCommand(cmd);
  const how = describeCommand(launch.command, cmd);
  let started: Awaited<ReturnType<typeof builder.start>>;
  try {
    started = await builder.start();
  } catch (error) {
    await removeContainers(`${START_LABEL}=${start}`);
    return {
      ok: false,
      reason: {
        en: `The container did not start (${how}): ${dockerMessage(error)}`,
        ko: `컨테이너가 시작되지 않았습니다 (${how}): ${dockerMessage(error)}`,
      },
      outputTail: [],
    };
  }
  const handle = docker.getContainer(started.getId());
  const forget = onInterrupt(() => handle.remove({ force: true }));
  const output = new OutputTail();
  const logs = await started.logs();
  logs.on('data', (chunk: string) => output.push(chunk));
  let ended: CrashInfo | undefined;
  let stopping = false;
  /** Reads the container's state; once it has stopped, records how (with its last output lines). */
  const settle = async (): Promise<void> => {
    const info = await handle.inspect().catch(() => undefined);
    if (!info || info.State.Running || ended) return;
    ended = crashFromState(info.State, await readLogTail(handle, 20));
  };
  const waited = handle
    .wait()
    .then(() => (stopping ? undefined : settle()))
    .catch(() => {});
  const initPid = (await handle.inspect().catch(() => undefined))?.State.Pid ?? 0;
  options.log(`started container ${handle.id.slice(0, 12)} (${how}) for port ${port}, init pid ${initPid}`);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await started.stop({ timeout: 0 }).catch(() => handle.remove({ force: true }).catch(() => {}));
    logs.destroy();
    await waited;
    forget();
  };
  const ready = await waitForListening('127.0.0.1', port, {
    timeoutMs: options.startupTimeoutMs,
    gaveUp: () => ended !== undefined,
  });
  if (ready !== 'ready') {
    await settle();
    const crash = ended;
    const outputTail = crash ? crash.outputTail : await readLogTail(handle, 20);
    await stop();
    const reason = crash
      ? `The proxy exited before opening port ${port} (${
          crash.signal ? `killed by ${describeSignal(crash.signal)}` : `exit code ${crash.exitCode}`
        }; ran: ${how}).`
      : `The proxy never opened port ${port} within ${options.startupTimeoutMs} ms (ran: ${how}). An image must listen on the port that replaces the last number of its CMD, or on $PROXY_PORT.`;
    return { ok: false, reason, crash, outputTail };
  }
  const pid = initPid > 0 ? await findProxyPid(initPid) : undefined;
  const target: StartedTarget = {
    endpoint: { host: '127.0.0.1', port },
    pid,
    exited: () => ended,
    async isAlive() {
      if (ended) return false;
      if (pid !== undefined) {
        if (!isProcessGone(pid)) return true;
        // the proxy is gone; its init exits right after it: let the container stop, then read how it ended
        await Promise.race([waited, delay(5000)]);
      }
      await settle();
      return ended === undefined;
    },
    outputTail: () => output.tail(20),
    stop,
  };
  return { ok: true, started: target };
}
