// The report's note on how student code ran (jailed or not), in each language the grader speaks.
import { type JailLimits, type JailSupport, describeLimits } from '../process/jail/index.js';
import type { Bilingual } from '../types.js';

const GiB = 1024 * 1024 * 1024;
const formatSize = (bytes: number): string =>
  bytes % GiB === 0 ? `${bytes / GiB} GiB` : `${Math.round(bytes / (1024 * 1024))} MiB`;

/** Korean for the fixed reasons detection gives; anything else is shown as it came. */
const KOREAN_REASONS: Record<string, string> = {
  'no writable memory or pids cgroup': '쓸 수 있는 memory/pids cgroup 없음',
  'no writable memory cgroup': '쓸 수 있는 memory cgroup 없음',
  'no writable pids cgroup': '쓸 수 있는 pids cgroup 없음',
  'the grader is not running as root': '채점기가 root로 실행되지 않았습니다',
  'bubblewrap (bwrap) is not installed': 'bubblewrap(bwrap)이 설치되어 있지 않습니다',
  'setpriv or prlimit (util-linux) is not installed':
    'setpriv 또는 prlimit(util-linux)이 설치되어 있지 않습니다',
};

const reason = (text: string): Bilingual => ({ en: text, ko: KOREAN_REASONS[text] ?? text });

function koreanLimits(limits: JailLimits): string {
  return [
    `메모리 ${formatSize(limits.memoryBytes)}`,
    `프로세스 ${limits.pids}개`,
    `CPU ${limits.cpuSeconds}초`,
    `파일당 ${formatSize(limits.fileSizeBytes)}`,
    `열린 파일 ${limits.openFiles}개`,
  ].join(', ');
}

export interface JailNoteFacts {
  what: Bilingual;
  uid: number;
  support: Extract<JailSupport, { available: true }>;
  proxyLimits: JailLimits;
  /** 'isolated', or why the grading shares the host's network */
  network: string | undefined;
}

/** 'Jailed (bubblewrap): make and ./proxy ran as uid … ; network: …; proxy limits …'. */
export function jailNote(facts: JailNoteFacts): Bilingual {
  const { support, network, what, uid } = facts;
  const memory = support.cgroup?.memoryParent ? 'memory cgroup' : 'RLIMIT_AS';
  const missing = support.cgroupMissing ? reason(support.cgroupMissing) : undefined;
  const net: Bilingual =
    network === 'isolated'
      ? { en: 'network: loopback only (a namespace of its own)', ko: '네트워크: 루프백만(전용 네임스페이스)' }
      : {
          en: `network: shared with the host${network ? ` (${network})` : ''}`,
          ko: `네트워크: 호스트와 공유${network ? ` (${network})` : ''}`,
        };
  return {
    en: `Jailed (bubblewrap): ${what.en} ran as uid ${uid} with no capability, in private pid/ipc/mount namespaces seeing only the toolchain, its own folder and a fresh /tmp; ${net.en}; proxy limits ${describeLimits(facts.proxyLimits)} (memory by ${memory}${missing ? `; ${missing.en}` : ''}).`,
    ko: `격리 실행(bubblewrap): ${what.ko}는 capability 없이 uid ${uid} 사용자로, 툴체인과 자기 폴더, 새 /tmp만 보이는 별도의 pid/ipc/mount 네임스페이스에서 실행되었습니다. ${net.ko}. 프록시 제한: ${koreanLimits(facts.proxyLimits)} (메모리 제한 방식: ${memory}${missing ? `; ${missing.ko}` : ''}).`,
  };
}

export const notJailedNote = (missing: string): Bilingual => ({
  en: `Not jailed: ${missing}; student code runs as the grader's user with the grader's rlimits only.`,
  ko: `격리되지 않음: ${reason(missing).ko}. 학생 코드가 채점기와 같은 사용자로, 채점기의 rlimit만 적용된 채 실행됩니다.`,
});
