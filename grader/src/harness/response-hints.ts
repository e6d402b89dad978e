// What a student should look at for each way a relayed response can differ from the origin's, in their terms.
import type { Bilingual } from '../types.js';

export const RESPONSE_HINTS = {
  refused: {
    en: 'The proxy did not accept the connection: is it still running and listening on its port?',
    ko: '프록시가 연결을 받지 않았습니다. 프록시가 살아 있고 포트에서 listen 중인지 확인하세요.',
  },
  reset: {
    en: 'The proxy reset the connection: a crash, or close() while unread request bytes were pending.',
    ko: '프록시가 연결을 reset했습니다. 크래시했거나, 읽지 않은 요청 바이트가 남은 채로 close()했을 수 있습니다.',
  },
  nothing: {
    en: 'Nothing came back: forward the request to the origin, then copy its response to the client until read() returns 0.',
    ko: '아무 응답도 오지 않았습니다. 요청을 원 서버로 보낸 뒤, read()가 0을 돌려줄 때까지 응답을 클라이언트에 복사하세요.',
  },
  noClose: {
    en: 'Every byte arrived but the connection never closed: close the client socket once the origin closes (EOF).',
    ko: '모든 바이트가 왔지만 연결이 닫히지 않았습니다. 원 서버가 EOF를 보내면 클라이언트 소켓을 닫으세요.',
  },
  lockAfterHit: {
    en: 'The proxy stopped closing connections after it served a cache hit: is a lock taken on the hit path (a reader lock, a mutex) never released, so the next insertion waits for it forever? Release it on every path out of the lookup.',
    ko: '캐시 적중 응답을 보낸 뒤부터 프록시가 연결을 닫지 못합니다. 적중 경로에서 잡은 락(reader 락, 뮤텍스)을 풀지 않아 다음 캐시 삽입이 영원히 기다리는 것은 아닌가요? 조회를 빠져나가는 모든 경로에서 락을 푸세요.',
  },
  stalled: {
    en: 'The response stopped before its end: keep reading the origin until read() returns 0, and write every byte (rio_writen).',
    ko: '응답이 끝나기 전에 멈췄습니다. read()가 0을 돌려줄 때까지 원 서버에서 읽고, 모든 바이트를 쓰세요(rio_writen).',
  },
  nulTruncation: {
    en: 'The body stops or changes at a NUL byte: use read/write with byte counts, never strlen/strcpy/sprintf on the body.',
    ko: '본문이 NUL 바이트에서 끊기거나 바뀝니다. 본문에는 strlen/strcpy/sprintf 대신 바이트 수를 쓰는 read/write를 사용하세요.',
  },
  truncated: {
    en: 'The response is cut short: loop until read() returns 0 and write exactly the n bytes each read returned.',
    ko: '응답이 잘렸습니다. read()가 0을 돌려줄 때까지 반복하고, 매번 읽은 n 바이트를 정확히 쓰세요.',
  },
  trailing: {
    en: 'Extra bytes follow the response: write only the n bytes read() returned, not the whole buffer.',
    ko: '응답 뒤에 여분의 바이트가 붙었습니다. 버퍼 전체가 아니라 read()가 돌려준 n 바이트만 쓰세요.',
  },
  secondResponse: {
    en: 'A second complete HTTP response follows the first: once a request is answered (from the cache too), return — do not go on to the origin as well.',
    ko: '첫 응답 뒤에 완전한 HTTP 응답이 하나 더 붙었습니다. 요청에 답했으면(캐시에서 답한 경우도) 바로 return하고, 원 서버에 다시 요청하지 마세요.',
  },
  cacheSecondResponse: {
    en: "After the cached response the origin's response came too: the cache-hit branch lacks a return, so the hit falls through to the miss path.",
    ko: '캐시된 응답 뒤에 원 서버의 응답이 또 왔습니다. 캐시 적중 분기에 return이 없어서 적중한 요청이 미스 경로로 계속 진행됩니다.',
  },
  cacheTrailing: {
    en: 'A cache hit must send exactly the bytes stored: check the length you write for cached objects.',
    ko: '캐시 적중 시에는 저장한 바이트를 정확히 보내야 합니다. 캐시된 객체를 쓸 때의 길이를 확인하세요.',
  },
  cacheTruncated: {
    en: 'A cache hit must send the whole stored response: store every byte (with the headers) and its exact length.',
    ko: '캐시 적중 시 저장된 응답 전체를 보내야 합니다. 헤더를 포함한 모든 바이트와 정확한 길이를 저장하세요.',
  },
  headChanged: {
    en: "Relay the origin's status line and headers unchanged: the client must get the origin's response byte for byte.",
    ko: '원 서버의 상태 줄과 헤더를 바꾸지 말고 그대로 전달하세요. 클라이언트는 원 서버의 응답을 바이트 단위로 그대로 받아야 합니다.',
  },
  proxyAnswered: {
    en: "The proxy answered by itself instead of relaying the origin's response: check how it parses the URI (host, port, path).",
    ko: '프록시가 원 서버의 응답을 전달하지 않고 스스로 응답했습니다. URI(호스트, 포트, 경로) 파싱을 확인하세요.',
  },
  bodyChanged: {
    en: 'The body was altered: copy it as raw bytes (no line-by-line text handling, no string functions).',
    ko: '본문이 바뀌었습니다. 줄 단위 텍스트 처리나 문자열 함수 없이 원시 바이트로 복사하세요.',
  },
  keyCollision: {
    en: 'Another URL’s object came back: two URLs share one cache entry. Key the cache on the whole URL (host, port, path and query).',
    ko: '다른 URL의 객체가 왔습니다. 두 URL이 캐시 항목 하나를 같이 씁니다. 캐시 키는 URL 전체(호스트, 포트, 경로, 쿼리)로 하세요.',
  },
  mixedUp: {
    en: "Another URL's response came back. Either two URLs share a cache entry (key on the whole URL) or threads share state (pass each thread its own descriptor and buffers).",
    ko: '다른 URL의 응답이 왔습니다. 두 URL이 캐시 항목을 같이 쓰거나(URL 전체를 키로 쓰세요), 스레드들이 상태를 공유합니다(스레드마다 자기 디스크립터와 버퍼를 넘기세요).',
  },
  cacheAltered: {
    en: 'A cache hit sent altered bytes that match no other object of this run (so not a key collision): store and send the object with memcpy and its exact length.',
    ko: '캐시 적중 시 바뀐 바이트를 보냈고, 이번 실행의 다른 어떤 객체와도 같지 않습니다(키 충돌은 아님). 객체는 memcpy와 정확한 길이로 저장하고 보내세요.',
  },
  cacheChanged: {
    en: 'A cache hit sent different bytes: a cache key collision or a corrupted copy. Key on the whole URL and copy bytes with memcpy.',
    ko: '캐시 적중 시 다른 바이트를 보냈습니다. 캐시 키 충돌이나 손상된 사본입니다. URL 전체를 키로 쓰고 memcpy로 복사하세요.',
  },
} satisfies Record<string, Bilingual>;
