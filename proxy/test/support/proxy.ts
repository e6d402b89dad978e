import { onTestFinished } from 'vitest';
import { type ProxyOptions, type ProxyServer, startProxy } from '../../src/index.js';

/** A proxy on 127.0.0.1 with an ephemeral port and no log, closed when the current test finishes. */
export async function startTestProxy(options: ProxyOptions = {}): Promise<ProxyServer> {
  const proxy = await startProxy({ host: '127.0.0.1', port: 0, log: false, ...options });
  onTestFinished(() => proxy.close());
  return proxy;
}
