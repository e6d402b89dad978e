import { access } from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHarness } from './create-harness.js';
import { parseResponse } from './parse-response.js';
import { fetchDirect } from './clients/raw-client.js';

describe('the harness', () => {
  it('serves the corpus from Tiny, counts hits per path, and differs on the alt origin', async () => {
    const harness = await createHarness({ seed: 'harness-unit' });
    onTestFinished(() => harness.close());
    const home = harness.object('home');
    const truth = await harness.expected(harness.tiny.url(home.path));
    const parsed = parseResponse(truth.bytes);
    expect(parsed?.statusLine).toBe('HTTP/1.0 200 OK');
    expect(parsed?.body).toEqual(home.bytes);
    expect(harness.tiny.hits(home.path)).toBe(1);
    await harness.expected(harness.tiny.url(home.path));
    expect(harness.tiny.hits(home.path)).toBe(1);
    const alt = await harness.expected(harness.tinyAlt.url(home.path));
    expect(parseResponse(alt.bytes)?.body.equals(home.bytes)).toBe(false);
    expect(`${harness.tinyAlt.host}:${harness.tinyAlt.port}`).not.toBe(
      `${harness.tiny.host}:${harness.tiny.port}`,
    );
    const query = harness.object('query');
    await fetchDirect(harness.tiny.url('/q%20dir/file.txt?x=1'));
    expect(harness.tiny.hits(query.path)).toBe(1);
  });

  it('runs the bundled adder as CGI', async () => {
    const harness = await createHarness({ seed: 'harness-cgi' });
    onTestFinished(() => harness.close());
    const answer = await harness.expected(harness.tiny.url('/cgi-bin/adder?15213&18213'));
    expect(answer.bytes.toString('latin1')).toContain('15213 + 18213 = 33426');
  });

  it('stops and restarts the Tiny origin on the same port', async () => {
    const harness = await createHarness({ seed: 'harness-restart' });
    onTestFinished(() => harness.close());
    const url = harness.tiny.url(harness.object('text').path);
    await harness.tiny.stop();
    expect((await fetchDirect(url, { timeoutMs: 5000 })).errorCode).toBe('ECONNREFUSED');
    await harness.tiny.start();
    expect(parseResponse((await fetchDirect(url, { timeoutMs: 5000 })).bytes)?.statusCode).toBe(200);
  });

  it('removes its corpus directory on close', async () => {
    const harness = await createHarness({ seed: 'harness-close' });
    await harness.close();
    await expect(access(harness.rootDir)).rejects.toThrow();
  });
});
