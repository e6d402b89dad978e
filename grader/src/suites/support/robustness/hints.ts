import type { Bilingual } from '../../../types.js';

/** Student-facing advice for the robustness suite, in their terms. */
export const robustnessHints = {
  sigpipe: {
    en: 'Ignore SIGPIPE (signal(SIGPIPE, SIG_IGN)) and end only that exchange on EPIPE/ECONNRESET: a client that goes away must never stop the proxy (no exit() in your write wrapper).',
    ko: 'SIGPIPE를 무시하고(signal(SIGPIPE, SIG_IGN)), EPIPE/ECONNRESET이 나면 그 요청만 끝내세요. 클라이언트가 떠나도 프록시가 멈추면 안 됩니다(쓰기 래퍼에서 exit() 금지).',
  },
  earlyClientClose: {
    en: 'When read returns 0 (EOF) before the blank line that ends the request head, stop reading, close the connection and go on; a header loop that ignores EOF spins forever.',
    ko: '요청 헤더를 끝내는 빈 줄 전에 read가 0(EOF)을 돌려주면 읽기를 멈추고 연결을 닫은 뒤 계속 진행하세요. EOF를 무시하는 헤더 읽기 루프는 영원히 돕니다.',
  },
  originFailure: {
    en: 'When the origin cannot be reached, resets, or closes early, answer the client with an error (e.g. 502) or close its connection, release both descriptors, and keep serving: connect and read errors end one exchange, never the proxy.',
    ko: '서버에 연결할 수 없거나, 연결이 리셋되거나, 일찍 끊기면 클라이언트에게 오류(예: 502)로 답하거나 연결을 닫고, 두 디스크립터를 모두 정리한 뒤 계속 서비스하세요. 연결·읽기 오류는 그 요청만 끝내야 하고 프록시를 끝내면 안 됩니다.',
  },
  malformed: {
    en: 'Check every part of the request line before using it (method, an http:// URI with a host, a port from 1 to 65535, its length) and answer 400 or close the connection — never crash, exit or wait forever on a bad request.',
    ko: '요청 줄의 각 부분(메서드, 호스트가 있는 http:// URI, 1~65535 범위의 포트, 길이)을 사용하기 전에 검사하고 400으로 답하거나 연결을 닫으세요. 잘못된 요청에 죽거나, 종료하거나, 끝없이 기다리면 안 됩니다.',
  },
  unsupportedMethod: {
    en: 'Only GET is required: answer any other method (POST, CONNECT, ...) with 501 Not Implemented without contacting the origin.',
    ko: 'GET만 지원하면 됩니다. 다른 메서드(POST, CONNECT 등)에는 서버에 연결하지 말고 501 Not Implemented로 답하세요.',
  },
  fdLeak: {
    en: 'Close both the client and the origin descriptor on every path — after a normal exchange, an error status, a failed connect, and a client that went away.',
    ko: '모든 경로에서 클라이언트와 서버 디스크립터를 둘 다 닫으세요. 정상 요청 후, 오류 응답 후, 연결 실패 후, 클라이언트가 떠난 후 모두입니다.',
  },
} satisfies Record<string, Bilingual>;
