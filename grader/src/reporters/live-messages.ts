import type { Lang } from '../types.js';

/** The words of the terminal's live status line. */
export interface LiveMessages {
  running: string;
  make: string;
  startingProxy: string;
}

const messages: Record<Lang, LiveMessages> = {
  en: { running: 'running', make: 'make (building the submission)', startingProxy: 'starting the proxy' },
  ko: { running: '실행 중', make: 'make (제출물 빌드)', startingProxy: '프록시 시작' },
};

export function liveMessagesFor(lang: Lang): LiveMessages {
  return messages[lang];
}
