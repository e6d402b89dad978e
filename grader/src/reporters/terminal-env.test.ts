import { describe, expect, it } from 'vitest';
import { truncateDisplay, wrapDisplay } from './fit.js';
import { printsTerminal, renderSummaryLine } from './summary-line.js';
import { detectColor, detectTerminal } from './terminal-env.js';
import { buildFixtureReport } from '../../test/support/reporters/fixture-report.js';
import { displayWidth } from './text.js';

const tty = { isTTY: true, columns: 120 };
const pipe = { isTTY: false };

describe('detectColor', () => {
  it('colours a TTY and not a pipe', () => {
    expect(detectColor(tty, {})).toBe(true);
    expect(detectColor(pipe, {})).toBe(false);
  });

  it('NO_COLOR (non-empty) and TERM=dumb turn colour off', () => {
    expect(detectColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(detectColor(tty, { NO_COLOR: '' })).toBe(true);
    expect(detectColor(tty, { TERM: 'dumb' })).toBe(false);
  });

  it('FORCE_COLOR wins over everything, as in Node: on for "", 1-3 and true, off for 0, false and the rest', () => {
    for (const on of ['', '1', '2', '3', 'true']) {
      expect(detectColor(pipe, { FORCE_COLOR: on, NO_COLOR: '1' }), on).toBe(true);
    }
    for (const off of ['0', 'false', 'no']) expect(detectColor(tty, { FORCE_COLOR: off }), off).toBe(false);
  });
});

describe('detectTerminal', () => {
  it('a TTY gets its width and a live line; a pipe, CI or a dumb terminal get 80 columns and no live line', () => {
    expect(detectTerminal(tty, {})).toEqual({ color: true, live: true, columns: 120 });
    expect(detectTerminal(pipe, {})).toEqual({ color: false, live: false, columns: 80 });
    expect(detectTerminal(tty, { CI: 'true' }).live).toBe(false);
    expect(detectTerminal(tty, { TERM: 'dumb' }).live).toBe(false);
    expect(detectTerminal({ isTTY: true, columns: 0 }, {}).columns).toBe(80);
  });
});

describe('fitting text', () => {
  it('cuts by display width, Hangul counting two columns', () => {
    expect(truncateDisplay('short', 10)).toBe('short');
    expect(truncateDisplay('a long check title', 10)).toBe('a long ch…');
    const cut = truncateDisplay('캐시가 가득 차면 가장 오래된 객체', 10);
    expect(displayWidth(cut)).toBeLessThanOrEqual(10);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('wraps prose under an indent, keeping the leading spaces and long words whole', () => {
    const lines = wrapDisplay(
      '      Hint: relay until EOF; never stop at the first short read.',
      30,
      '        ',
    );
    expect(lines[0]).toBe('      Hint: relay until EOF;');
    expect(lines.slice(1).every((l) => l.startsWith('        ') && displayWidth(l) <= 30)).toBe(true);
    expect(wrapDisplay('x http://127.0.0.1:8000/a/very/long/path y', 10, ' ')).toContain(
      ' http://127.0.0.1:8000/a/very/long/path',
    );
  });
});

describe('the one-line summary', () => {
  it('is printed when no terminal report goes to stdout, and says where each report went', () => {
    expect(printsTerminal(['terminal'])).toBe(true);
    expect(printsTerminal(['terminal:t.txt', 'json'])).toBe(false);
    expect(renderSummaryLine(buildFixtureReport(), ['json:r.json', 'autolab'])).toBe(
      'proxylab-grade: Score: 15.5/28.5 (15.4 s) · json → r.json, autolab → stdout\n',
    );
  });
});
