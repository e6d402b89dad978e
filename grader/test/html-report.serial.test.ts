import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, runChromium } from './support/batch/chromium.js';
import type { RunReport } from '../src/types.js';
import { countColor, decodePng } from './support/png.js';

const root = resolve(import.meta.dirname, '..', '..');
const chromium = findChromium();
if (!chromium)
  console.warn(
    'the HTML report test is skipped: no chromium here (CI installs it: apt-get install -y chromium)',
  );

describe.skipIf(!chromium)('the student HTML report in headless Chromium', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("draws a sequential proxy's concurrency checks: many clients open, one origin connection at a time", async () => {
    dir = await mkdtemp(join(tmpdir(), 'proxylab-html-'));
    const [page, json] = [join(dir, 'report.html'), join(dir, 'report.json')];
    await promisify(execFile)(
      process.execPath,
      [
        join(root, 'grader', 'dist', 'cli.js'),
        '--submission',
        join(root, 'grader', 'test', 'fixtures', 'submissions', 'sequential'),
        '--only',
        'concurrency',
        '--format',
        `html:${page}`,
        '--format',
        `json:${json}`,
      ],
      { timeout: 150_000 },
    );
    const report = JSON.parse(await readFile(json, 'utf8')) as RunReport;
    const barrier = report.suites[0]?.checks.find((c) => c.id === 'concurrency.barrier');
    expect(barrier?.passed).toBe(false);
    // serialised: several clients were open at once, yet the proxy made one origin connection and waited on it
    const spans = barrier?.timeline?.spans ?? [];
    expect(spans.filter((s) => s.kind === 'client').length).toBeGreaterThanOrEqual(2);
    expect(spans.filter((s) => s.kind === 'origin')).toHaveLength(1);
    const dom = await runChromium(chromium as string, ['--dump-dom', `file://${page}`]);
    expect(dom.match(/<svg class="timeline"/g)?.length).toBeGreaterThanOrEqual(3);
    const png = join(dir, 'report.png');
    await runChromium(chromium as string, [
      '--window-size=1000,3000',
      `--screenshot=${png}`,
      `file://${page}`,
    ]);
    const image = decodePng(await readFile(png));
    expect(image.width).toBe(1000);
    // the bars are drawn: the client blue and the origin orange cover real areas of the screenshot
    expect(countColor(image, [0x25, 0x63, 0xeb])).toBeGreaterThan(2000);
    expect(countColor(image, [0xea, 0x58, 0x0c])).toBeGreaterThan(500);
  });
});
