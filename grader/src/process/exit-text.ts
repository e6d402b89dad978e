// How a proxy process ended, in words a student reads: the signal's name and number kept, its meaning explained.
import { constants } from 'node:os';
import type { Bilingual, CrashInfo } from '../types.js';

const MEANINGS: Record<string, Bilingual> = {
  SIGPIPE: {
    en: 'broken pipe: wrote to a socket the client had closed',
    ko: '깨진 파이프: 클라이언트가 이미 닫은 소켓에 썼습니다',
  },
  SIGSEGV: { en: 'segmentation fault', ko: '세그멘테이션 오류, 잘못된 메모리 접근' },
  SIGABRT: {
    en: 'abort, e.g. a failed assert or a double free',
    ko: 'abort: 실패한 assert나 같은 메모리를 두 번 free한 경우 등',
  },
  SIGBUS: { en: 'bus error', ko: '버스 오류' },
  SIGFPE: { en: 'arithmetic error', ko: '산술 오류, 예: 0으로 나누기' },
  SIGKILL: {
    en: 'killed, e.g. out of memory or a resource limit',
    ko: '강제 종료: 메모리 부족이나 자원 한도 초과 등',
  },
  SIGXCPU: { en: 'CPU time limit exceeded', ko: 'CPU 시간 한도 초과' },
  SIGXFSZ: { en: 'file size limit exceeded', ko: '파일 크기 한도 초과' },
};

/** 'SIGSEGV (11)', and what the signal means when it is one a proxy typically dies of. */
function signalParts(signal: string): { name: string; meaning: Bilingual | undefined } {
  const number = (constants.signals as Record<string, number>)[signal];
  return { name: `${signal}${number ? ` (${number})` : ''}`, meaning: MEANINGS[signal] };
}

/** 'killed by SIGSEGV (11): segmentation fault' / 'exited with code 1' (English as process-group's describeSignal). */
export function exitText(crash: Pick<CrashInfo, 'signal' | 'exitCode'>): Bilingual {
  if (!crash.signal) {
    return { en: `exited with code ${crash.exitCode}`, ko: `종료 코드 ${crash.exitCode}로 끝남` };
  }
  const { name, meaning } = signalParts(crash.signal);
  return {
    en: `killed by ${name}${meaning ? `: ${meaning.en}` : ''}`,
    ko: `${name} 시그널로 종료됨${meaning ? `: ${meaning.ko}` : ''}`,
  };
}

/** The short form a log or a later check cites: 'SIGSEGV (11): segmentation fault' / 'exit 1'. */
export function exitBrief(crash: Pick<CrashInfo, 'signal' | 'exitCode'>): Bilingual {
  if (!crash.signal) return { en: `exit ${crash.exitCode}`, ko: `종료 코드 ${crash.exitCode}` };
  const { name, meaning } = signalParts(crash.signal);
  return {
    en: `${name}${meaning ? `: ${meaning.en}` : ''}`,
    ko: `${name}${meaning ? `: ${meaning.ko}` : ''}`,
  };
}
