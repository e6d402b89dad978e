import net from 'node:net';
import { buildProxyRequest } from '../../harness/raw-client.js';
import type { ProxyEndpoint } from '../../types.js';

export type AbortStyle = 'close' | 'reset';

/** How one aborting client fared: it got the first bytes and went away, or never got that far. */
export type AbortOutcome = 'aborted' | 'refused' | 'closed-early' | 'no-data';

/**
 * Requests `url` through the proxy and, as soon as the first bytes of the response arrive, goes away:
 * 'close' closes the socket with data unread, 'reset' sends an RST (SO_LINGER 0). The proxy's next writes
 * then fail with EPIPE or ECONNRESET, and raise SIGPIPE unless it is ignored.
 */
export function fetchAndAbort(
  proxy: ProxyEndpoint,
  url: string,
  style: AbortStyle,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<AbortOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const socket = net.connect({ host: proxy.host, port: proxy.port });
    const finish = (outcome: AbortOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (!socket.destroyed) socket.destroy();
      resolve(outcome);
    };
    const onAbort = () => finish('no-data');
    const timer = setTimeout(onAbort, options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('connect', () => socket.write(buildProxyRequest(url)));
    socket.once('data', () => {
      if (style === 'reset') socket.resetAndDestroy();
      else socket.destroy();
      finish('aborted');
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ECONNREFUSED' ? 'refused' : 'closed-early'),
    );
    socket.on('close', () => finish('closed-early'));
  });
}
