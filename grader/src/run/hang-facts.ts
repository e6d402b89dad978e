// What a proxy was doing when a check waited on it in vain: spinning, idle, or busy with earlier exchanges.
import {
  cpuTimeMs,
  type ProxyConnections,
  proxyConnections,
  runnableThreads,
} from '../harness/proxy-activity.js';
import type { Bilingual } from '../types.js';

/**
 * Share of one core above which a hung proxy counts as spinning rather than waiting; a loaded machine gives a
 * spinning thread much less than a core, so a thread caught runnable lowers the bar.
 */
const SPIN_SHARE = 0.25;
const SPIN_SHARE_RUNNABLE = 0.05;

/** A CPU-time reading taken when a check (or a probe) starts. */
export interface CpuMark {
  pid: number | undefined;
  cpuMs: number | undefined;
  at: number;
}

export async function markCpu(pid: number | undefined): Promise<CpuMark> {
  return { pid, cpuMs: await cpuTimeMs(pid), at: performance.now() };
}

export interface HangFacts {
  /** CPU time used since the mark, and the wall time it was used in */
  cpuMs?: number;
  wallMs: number;
  /** exchanges the proxy still held when the wait ended */
  open?: ProxyConnections;
  kind: 'spinning' | 'busy' | 'idle' | 'unknown';
}

/** Reads the proxy's CPU time and open exchanges now, against `mark` (a live proxy; a dead one is a crash). */
export async function readHangFacts(mark: CpuMark, port: number): Promise<HangFacts> {
  const wallMs = Math.round(performance.now() - mark.at);
  const [now, open, runnable] = await Promise.all([
    cpuTimeMs(mark.pid),
    proxyConnections(port, mark.pid),
    runnableThreads(mark.pid),
  ]);
  const cpuMs = now !== undefined && mark.cpuMs !== undefined ? now - mark.cpuMs : undefined;
  const share = cpuMs !== undefined && wallMs > 0 ? cpuMs / wallMs : 0;
  let kind: HangFacts['kind'] = 'unknown';
  if (share >= SPIN_SHARE || (runnable && share >= SPIN_SHARE_RUNNABLE)) kind = 'spinning';
  else if (open && open.origins > 0) kind = 'busy';
  else if (cpuMs !== undefined) kind = 'idle';
  return { cpuMs, wallMs, open, kind };
}

/** One or two sentences on the facts, for a check's detail; empty when nothing could be read. */
export function describeHang(facts: HangFacts): Bilingual {
  const cpu = facts.cpuMs ?? 0;
  const held = facts.open ? facts.open.clients : 0;
  const origins = facts.open ? facts.open.origins : 0;
  switch (facts.kind) {
    case 'spinning':
      return {
        en: `The proxy was alive and spinning: it used ${cpu} ms of CPU in ${facts.wallMs} ms without answering.`,
        ko: `프록시는 살아 있었지만 응답 없이 ${facts.wallMs} ms 동안 CPU를 ${cpu} ms 사용하며 헛돌고 있었습니다.`,
      };
    case 'busy':
      return {
        en: `The proxy was alive but idle (${cpu} ms of CPU in ${facts.wallMs} ms) with ${origins} origin connection(s) still open: it was busy with an origin — relaying an earlier exchange or waiting on one — instead of answering.`,
        ko: `프록시는 살아 있었지만 멈춰 있었고(${facts.wallMs} ms 동안 CPU ${cpu} ms) 원 서버 연결 ${origins}개가 아직 열려 있었습니다: 응답하는 대신 원 서버 쪽 일(앞선 요청의 응답 전달, 또는 원 서버의 응답 대기)에 묶여 있었습니다.`,
      };
    case 'idle':
      return {
        en: `The proxy was alive and idle (${cpu} ms of CPU in ${facts.wallMs} ms), holding ${held} client connection(s) open and no origin connection: it waited for something that never came (more request bytes, a lock, another thread).`,
        ko: `프록시는 살아 있었고 멈춰 있었습니다(${facts.wallMs} ms 동안 CPU ${cpu} ms). 클라이언트 연결 ${held}개를 연 채 원 서버 연결은 없었습니다: 오지 않는 무언가(요청의 나머지 바이트, 락, 다른 스레드)를 기다리고 있었습니다.`,
      };
    default:
      return { en: '', ko: '' };
  }
}

/** What to look at, by kind of hang. */
export function hangHint(facts: HangFacts): Bilingual | undefined {
  if (facts.kind === 'spinning') {
    return {
      en: 'A loop never ends: check that every read loop stops when read returns 0 (EOF) or -1, and that no retry loop runs without blocking.',
      ko: '끝나지 않는 반복문이 있습니다. read가 0(EOF)이나 -1을 돌려주면 모든 읽기 반복문이 멈추는지, 블록하지 않고 도는 재시도 반복문이 없는지 확인하세요.',
    };
  }
  if (facts.kind === 'busy') {
    return {
      en: 'Serve each client in its own thread, so a slow or stuck exchange never holds up the next client; end an exchange (close both sockets) as soon as either side is gone.',
      ko: '클라이언트마다 스레드로 처리해서 느리거나 멈춘 요청 하나가 다음 클라이언트를 막지 않게 하고, 어느 한쪽이 끊기면 바로 그 연결을 끝내세요(두 소켓 모두 닫기).',
    };
  }
  return undefined;
}
