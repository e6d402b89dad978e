import type { Bilingual } from '../../../types.js';

/** Student-facing advice for the concurrency suite, in their terms. */
export const concurrencyHints = {
  serialised: {
    en: 'The exchanges are serialised — is a lock held around the whole request, or is the connection handled in the accept loop? Serve each connection in its own thread (or a pool) and hold locks only around shared data.',
    ko: '요청들이 하나씩 순서대로 처리되고 있습니다 — 요청 전체를 감싸는 락을 잡고 있나요, 아니면 accept 루프 안에서 연결을 처리하나요? 연결마다 별도의 스레드(또는 스레드 풀)에서 처리하고, 락은 공유 데이터에 접근할 때만 잡으세요.',
  },
  headInAcceptLoop: {
    en: 'A client that has not finished its request must not stop the others: read the request in the connection’s own thread, never in the accept loop.',
    ko: '요청을 다 보내지 않은 클라이언트가 다른 클라이언트를 막으면 안 됩니다. 요청은 accept 루프가 아니라 그 연결을 맡은 스레드에서 읽으세요.',
  },
  outOfOrder: {
    en: 'Responses released in reverse order did not all reach their clients. Each thread must relay only its own origin connection, without waiting on other exchanges.',
    ko: '역순으로 도착한 응답이 제 클라이언트에게 모두 전달되지 않았습니다. 각 스레드는 다른 요청을 기다리지 말고 자기 서버 연결의 응답만 전달해야 합니다.',
  },
  sharedConnfd: {
    en: 'Clients got another client’s response, or none at all: threads are sharing state. Pass each thread its own heap-allocated copy of connfd (malloc, then free it in the thread) instead of &connfd, and use only thread-safe calls (no strtok, gethostbyname, static buffers).',
    ko: '다른 클라이언트의 응답을 받거나 아무 응답도 받지 못한 클라이언트가 있습니다. 스레드들이 상태를 공유하고 있습니다. &connfd 대신 각 스레드에 힙에 할당한 connfd 복사본을 넘기고(malloc 후 스레드에서 free), 스레드 안전한 함수만 쓰세요(strtok, gethostbyname, static 버퍼 금지).',
  },
} satisfies Record<string, Bilingual>;
