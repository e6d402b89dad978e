import type { Bilingual, Lang, Text } from './types.js';

/** The language for student-facing text: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG). */
export function detectLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function pick(text: Text, lang: Lang): string {
  return typeof text === 'string' ? text : text[lang] || text.en;
}

/** Both languages of `text` (a plain string is the same in each). */
export function bilingual(text: Text): Bilingual {
  return typeof text === 'string' ? { en: text, ko: text } : text;
}

/** The parts joined by `separator` in each language; empty and missing parts are left out. */
export function joinText(parts: ReadonlyArray<Text | undefined>, separator = ' '): Bilingual {
  const present = parts.filter((part): part is Text => part !== undefined).map(bilingual);
  const join = (lang: Lang) =>
    present
      .map((part) => part[lang])
      .filter((line) => line !== '')
      .join(separator);
  return { en: join('en'), ko: join('ko') };
}

/** `build` applied to each language's version of `text`, e.g. to wrap a fragment in a sentence. */
export function mapText(text: Text, build: (line: string, lang: Lang) => string): Bilingual {
  const both = bilingual(text);
  return { en: build(both.en, 'en'), ko: build(both.ko, 'ko') };
}

/** Runner messages that end up in reports. */
export const runnerText = {
  crashed: {
    en: 'The proxy process died during this check',
    ko: '이 검사 도중 프록시 프로세스가 죽었습니다',
  },
  crashHint: {
    en: 'A proxy must survive anything one client or origin does. Ignore SIGPIPE (signal(SIGPIPE, SIG_IGN)), treat EPIPE/ECONNRESET as the end of that one exchange, never exit() or abort on a bad request, and check every pointer before use.',
    ko: '프록시는 클라이언트나 서버 하나가 무엇을 하든 살아 있어야 합니다. SIGPIPE를 무시하고(signal(SIGPIPE, SIG_IGN)), EPIPE/ECONNRESET은 그 요청만 끝내며, 잘못된 요청에 exit()나 abort를 하지 말고, 포인터를 사용하기 전에 확인하세요.',
  },
  notStarted: {
    en: 'Not run: the proxy could not be started',
    ko: '실행되지 않음: 프록시를 시작할 수 없었습니다',
  },
  notStartedHint: {
    en: 'Your proxy must build with make and listen on the port given as its first argument (./proxy <port>). Read the build output and the proxy output in this report.',
    ko: '프록시는 make로 빌드되고 첫 번째 인자로 받은 포트(./proxy <port>)에서 listen해야 합니다. 보고서의 빌드 출력과 프록시 출력을 확인하세요.',
  },
  budget: {
    en: 'Not run: the time budget of the whole run was used up by earlier checks',
    ko: '실행되지 않음: 앞선 검사들이 전체 시간 예산을 모두 사용했습니다',
  },
  timeoutHint: {
    en: 'The proxy did not answer in time. Does it finish relaying and close the connection when the origin closes? Does one exchange block the others?',
    ko: '프록시가 제시간에 응답하지 않았습니다. 서버가 연결을 닫으면 전달을 마치고 연결을 닫나요? 한 요청이 다른 요청을 막고 있지는 않나요?',
  },
  noPid: {
    en: 'Skipped: the proxy runs outside the grader, so its open file descriptors cannot be counted',
    ko: '건너뜀: 프록시가 채점기 밖에서 실행되어 열린 파일 디스크립터를 셀 수 없습니다',
  },
  dead: {
    en: 'Not run: the proxy stopped and cannot be restarted by the grader',
    ko: '실행되지 않음: 프록시가 멈췄고 채점기가 다시 시작할 수 없습니다',
  },
  unresponsive: {
    en: 'Not run: at the start of this suite a fresh proxy answered nothing to a probe fetch',
    ko: '실행되지 않음: 이 묶음을 시작할 때 새로 띄운 프록시가 확인용 요청에 아무것도 응답하지 않았습니다',
  },
  unresponsiveHint: {
    en: 'Your proxy accepted the connection but sent nothing back for a plain GET of a small page. Check that it reads the request head (lines end with \\r\\n, the head with an empty line), connects to the host and port of the URI, and writes the response back to the client.',
    ko: '프록시가 연결은 받았지만 작은 페이지에 대한 평범한 GET 요청에 아무것도 돌려주지 않았습니다. 요청 헤더를 읽는지(줄은 \\r\\n, 헤더는 빈 줄로 끝남), URI의 호스트와 포트로 접속하는지, 응답을 클라이언트에게 쓰는지 확인하세요.',
  },
  deadInPhase: {
    en: 'Failed: the proxy died earlier in this suite, and driver.sh does not restart it within a phase',
    ko: '실패: 이 묶음의 앞선 검사에서 프록시가 종료되었고, driver.sh는 한 단계 안에서 프록시를 다시 시작하지 않습니다',
  },
  buildFailed: { en: 'The build failed.', ko: '빌드에 실패했습니다.' },
  unknownReason: { en: 'unknown reason', ko: '이유를 알 수 없음' },
  diedAfterFetch: {
    en: 'The proxy died during this check; as driver.sh does, the fetched file still counts',
    ko: '이 검사 도중 프록시가 죽었지만, driver.sh처럼 이미 받은 파일은 그대로 인정합니다',
  },
} satisfies Record<string, Bilingual>;
