import { UsageError } from '../errors.js';
import { canConnect } from '../process/port-probe.js';
import { NOTHING_TO_PREPARE, type StartedTarget, type Target } from './target.js';

/** Parses HOST:PORT (IPv6 as [::1]:PORT). */
export function parseAddress(value: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--address must be HOST:PORT, got '${value}'.`, [
      'example: --address 127.0.0.1:15213',
    ]);
  }
  return { host: match[1], port };
}

/** `--address HOST:PORT`: a proxy someone else runs; never restarted, liveness by a connection. */
export function createAddressTarget(value: string): Target {
  const endpoint = parseAddress(value);
  return {
    kind: 'address',
    description: {
      en: `running proxy at ${endpoint.host}:${endpoint.port}`,
      ko: `${endpoint.host}:${endpoint.port}에서 실행 중인 프록시`,
    },
    restartable: false,
    notes: [
      {
        en: 'The proxy runs outside the grader: it cannot be restarted after a crash, and checks that need its pid (open file descriptors) are skipped.',
        ko: '프록시가 채점기 밖에서 실행됩니다: 죽은 뒤 다시 시작할 수 없고, pid가 필요한 검사(열린 파일 디스크립터)는 건너뜁니다.',
      },
    ],
    prepare: async () => NOTHING_TO_PREPARE,
    async start(options) {
      const deadline = performance.now() + options.startupTimeoutMs;
      while (!(await canConnect(endpoint.host, endpoint.port, 1000))) {
        if (performance.now() > deadline) {
          return {
            ok: false,
            reason: {
              en: `Nothing accepts connections at ${endpoint.host}:${endpoint.port} (waited ${options.startupTimeoutMs} ms).`,
              ko: `${endpoint.host}:${endpoint.port}에서 연결을 받는 것이 없습니다(${options.startupTimeoutMs} ms 기다림).`,
            },
            outputTail: [],
          };
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      let gone = false;
      const started: StartedTarget = {
        endpoint,
        pid: undefined,
        exited: () => (gone ? { exitCode: null, signal: null, outputTail: [] } : undefined),
        isAlive: async () => {
          gone = !(await canConnect(endpoint.host, endpoint.port, 2000));
          return !gone;
        },
        outputTail: () => [],
        stop: async () => {},
      };
      return { ok: true, started };
    },
  };
}
