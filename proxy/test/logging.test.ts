import { connect } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fetchViaProxy, sendRaw } from './support/clients.js';
import { okResponse, startFixedOrigin, startOrigin } from './support/origins.js';
import { startTestProxy } from './support/proxy.js';

/** Resolves once the proxy has logged `count` lines. */
function collectLines(count: number) {
  const lines: string[] = [];
  let done!: () => void;
  const settled = new Promise<void>((resolve) => {
    done = resolve;
  });
  const log = (line: string): void => {
    lines.push(line);
    if (lines.length === count) done();
  };
  return { lines, log, settled };
}

describe('the exchange log', () => {
  it('writes one line per exchange with client, request line, status, bytes, cache result and time', async () => {
    const response = okResponse('logged');
    const origin = await startFixedOrigin(response);
    const sink = collectLines(3);
    const proxy = await startTestProxy({ log: sink.log });
    const url = `http://127.0.0.1:${origin.port}/logged`;
    await fetchViaProxy(proxy.port, url);
    await fetchViaProxy(proxy.port, url);
    await sendRaw(proxy.port, 'POST http://127.0.0.1/ HTTP/1.0\r\n\r\n');
    await sink.settled;
    const request = `"GET ${url} HTTP/1.0"`;
    expect(sink.lines[0]).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:\\d+ ${request} 200 ${response.length}B MISS \\d+ms$`),
    );
    expect(sink.lines[1]).toMatch(
      new RegExp(`^127\\.0\\.0\\.1:\\d+ ${request} 200 ${response.length}B HIT \\d+ms$`),
    );
    expect(sink.lines[2]).toMatch(
      /^127\.0\.0\.1:\d+ "POST http:\/\/127\.0\.0\.1\/ HTTP\/1\.0" 501 \d+B - \d+ms \(this proxy only implements GET\)$/,
    );
  });

  it('does not log port probes that connect and close without sending anything', async () => {
    const sink = collectLines(1);
    const proxy = await startTestProxy({ log: sink.log });
    await new Promise<void>((resolve) => {
      const probe = connect(proxy.port, '127.0.0.1', () => probe.end());
      probe.on('close', () => resolve());
    });
    await sendRaw(proxy.port, 'garbage\r\n\r\n');
    await sink.settled;
    expect(sink.lines).toHaveLength(1);
    expect(sink.lines[0]).toContain('"garbage" 400');
  });

  it('has written the line of an exchange still open when the proxy closes by the time close() resolves', async () => {
    const origin = await startOrigin(() => {}); // never answers
    const sink = collectLines(1);
    const proxy = await startTestProxy({ log: sink.log });
    const client = connect(proxy.port, '127.0.0.1');
    onTestFinished(() => {
      client.destroy();
    });
    client.on('error', () => {});
    client.write(`GET http://127.0.0.1:${origin.port}/slow HTTP/1.0\r\n\r\n`);
    await origin.nextConnection();
    await proxy.close();
    expect(sink.lines).toHaveLength(1);
    expect(sink.lines[0]).toContain(`"GET http://127.0.0.1:${origin.port}/slow HTTP/1.0" - 0B MISS`);
  });

  it('keeps serving when the log sink throws', async () => {
    const response = okResponse('fine');
    const origin = await startFixedOrigin(response);
    const proxy = await startTestProxy({
      log: () => {
        throw new Error('disk full');
      },
    });
    await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/1`);
    expect(await fetchViaProxy(proxy.port, `http://127.0.0.1:${origin.port}/2`)).toEqual(response);
  });
});
