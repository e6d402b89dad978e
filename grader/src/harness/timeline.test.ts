import { expect, onTestFinished, test } from 'vitest';
import { startOriginServer } from './origins/origin-server.js';
import { exchange } from './clients/raw-client.js';
import { startTimeline } from './timeline.js';

test('a check records each client connection and each origin connection on one time axis', async () => {
  const origin = await startOriginServer((socket) => {
    socket.once('data', () => setTimeout(() => socket.end('HTTP/1.0 200 OK\r\n\r\nhi'), 60));
  });
  onTestFinished(() => origin.close());
  const recorder = startTimeline(origin.port);
  await exchange(origin, 'GET / HTTP/1.0\r\n\r\n', { timeoutMs: 2000 });
  await exchange({ host: origin.host, port: 1 }, 'x', { timeoutMs: 2000 });
  const timeline = recorder.stop();
  const [client, refused, arrival] = [
    timeline.spans.find((s) => s.lane === 'client 1'),
    timeline.spans.find((s) => s.lane === 'direct 1'),
    timeline.spans.find((s) => s.kind === 'origin'),
  ];
  expect(client).toMatchObject({ kind: 'client', end: 'eof' });
  expect(client!.firstByteMs! - client!.startMs).toBeGreaterThanOrEqual(55);
  expect(refused).toMatchObject({ kind: 'direct', end: 'reset' });
  expect(arrival?.lane).toBe(`origin :${origin.port} #1`);
  expect(arrival!.startMs).toBeLessThanOrEqual(client!.firstByteMs!);
  // nothing is recorded once the recorder stopped
  const count = timeline.spans.length;
  await exchange(origin, 'GET / HTTP/1.0\r\n\r\n', { timeoutMs: 2000 });
  expect(timeline.spans).toHaveLength(count);
});
