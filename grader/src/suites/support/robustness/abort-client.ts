import net from 'node:net';
import { buildProxyRequest } from '../../../harness/clients/raw-client.js';
import type { ProxyEndpoint } from '../../../types.js';

export type AbortStyle = 'hangup' | 'close' | 'reset';

/** How one aborting client fared: it got the first bytes and went away, or never got that far. */
export type AbortOutcome = 'aborted' | 'refused' | 'closed-early' | 'no-data';

/**
 * Requests `url` through the proxy and goes away. 'hangup' closes right after sending the request, with nothing
 * unread (a FIN): the proxy's first write is answered by an RST and its second always fails with EPIPE, which
 * raises SIGPIPE unless it is ignored — the deterministic SIGPIPE trigger. 'close' (data unread, so the kernel
 * sends an RST) and 'reset' (SO_LINGER 0) go away once the first bytes arrived: on Linux the proxy's next write
 * then fails with ECONNRESET, without a signal, so these test the error paths rather than SIGPIPE.
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
    socket.on('connect', () => {
      if (style !== 'hangup') {
        socket.write(buildProxyRequest(url));
        return;
      }
      socket.end(buildProxyRequest(url), () => {
        socket.destroy();
        finish('aborted');
      });
    });
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
