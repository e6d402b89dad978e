import type { Bilingual } from '../../../types.js';
// The request heads real clients send a proxy: curl's exact head, a browser's, a bare one and one with
// everything. The header checks replay each, since a proxy's header logic often depends on what came in.
import type { HeaderList } from '../../../harness/clients/raw-client.js';

export interface ClientHead {
  /** Who sends such a head, for the sentence: "curl's head". */
  label: Bilingual;
  /** Header lines after Host (buildProxyRequest adds Host from the URL). */
  headers: HeaderList;
}

/** Headers whose forwarded form the lab prescribes; every other line must arrive unchanged. */
export const PROXY_OWNED = ['host', 'user-agent', 'connection', 'proxy-connection'];

export function clientHeads(token: string): ClientHead[] {
  return [
    {
      label: {
        en: "curl's head (Proxy-Connection: Keep-Alive, no Connection)",
        ko: 'curl의 헤더(Proxy-Connection: Keep-Alive, Connection 없음)',
      },
      headers: [
        ['User-Agent', 'curl/8.5.0'],
        ['Accept', '*/*'],
        ['Proxy-Connection', 'Keep-Alive'],
      ],
    },
    {
      label: {
        en: "a browser's head (Proxy-Connection: keep-alive, no Connection)",
        ko: '브라우저의 헤더(Proxy-Connection: keep-alive, Connection 없음)',
      },
      headers: [
        ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'],
        ['Accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'],
        ['Accept-Language', 'ko-KR,ko;q=0.8,en-US;q=0.5,en;q=0.3'],
        ['Accept-Encoding', 'gzip, deflate, br'],
        ['Referer', `http://example.test/from-${token}.html`],
        ['Cookie', `session=${token}; theme=dark`],
        ['Proxy-Connection', 'keep-alive'],
      ],
    },
    {
      label: {
        en: 'a head with no User-Agent, Connection or Proxy-Connection',
        ko: 'User-Agent, Connection, Proxy-Connection이 모두 없는 헤더',
      },
      headers: [
        ['Accept', '*/*'],
        ['X-Proxylab-Token', token],
      ],
    },
    {
      label: {
        en: "a head with all three (curl's User-Agent, Connection: keep-alive, Proxy-Connection: Keep-Alive)",
        ko: '셋이 모두 있는 헤더(curl의 User-Agent, Connection: keep-alive, Proxy-Connection: Keep-Alive)',
      },
      headers: [
        ['User-Agent', 'curl/7.88.1'],
        ['X-Proxylab-Token', `${token}-full`],
        ['Accept', '*/*'],
        ['Connection', 'keep-alive'],
        ['Accept-Language', 'ko-KR,ko;q=0.9,en-US;q=0.8'],
        ['Proxy-Connection', 'Keep-Alive'],
        ['Cookie', `session=${token}; theme=dark`],
      ],
    },
  ];
}

/** The client's header lines the proxy must pass on unchanged, in order. */
export function passThroughLines(headers: HeaderList): string[] {
  return headers
    .filter(([name]) => !PROXY_OWNED.includes(name.toLowerCase()))
    .map(([name, value]) => `${name}: ${value}`);
}
