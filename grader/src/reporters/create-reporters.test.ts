import { describe, expect, test } from 'vitest';
import { GraderError } from '../errors.js';
import { createReporters, parseFormatSpec } from './create-reporters.js';
import { FormatError } from './errors.js';
import { REPORTER_NAMES } from './registry.js';
import { runReporters } from './run-reporters.js';
import { captureStream } from '../../test/support/reporters/capture.js';
import { buildFixtureReport } from '../../test/support/reporters/fixture-report.js';
import type { Reporter } from './types.js';

const options = { lang: 'en', color: false, verbose: false } as const;

describe('--format values', () => {
  test('FMT and FMT:FILE are parsed, and the file may contain colons', () => {
    expect(parseFormatSpec('json')).toEqual({ name: 'json' });
    expect(parseFormatSpec('JUnit:reports/junit.xml')).toEqual({ name: 'junit', file: 'reports/junit.xml' });
    expect(parseFormatSpec('json:C:\\out\\r.json')).toEqual({ name: 'json', file: 'C:\\out\\r.json' });
  });

  test('an unknown format is a FormatError that lists every format', () => {
    const error = (() => {
      try {
        parseFormatSpec('xml:out.xml');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).message).toBe(
      '--format "xml:out.xml" names no report format the grader has.',
    );
    expect((error as FormatError).details[0]).toContain(REPORTER_NAMES.join(', '));
    expect(REPORTER_NAMES).toEqual([
      'terminal',
      'json',
      'junit',
      'gradescope',
      'autolab',
      'classroom',
      'markdown',
      'html',
    ]);
  });

  test('a colon with no file after it is refused', () => {
    expect(() => parseFormatSpec('json:')).toThrow('has a colon but no file name after it');
  });

  test('every registered format builds a reporter', () => {
    const list = createReporters(REPORTER_NAMES, { ...options, out: captureStream().stream });
    expect(list).toHaveLength(REPORTER_NAMES.length);
    for (const reporter of list) expect(typeof reporter.onRunEnd).toBe('function');
  });
});

describe('runReporters', () => {
  test('every hook reaches every reporter, and one failing report does not stop the others', async () => {
    const calls: string[] = [];
    const recorder = (name: string, failAtEnd = false): Reporter => ({
      onRunStart: () => void calls.push(`${name}:start`),
      onCheckStart: (_s, id) => void calls.push(`${name}:begin:${id}`),
      onCheckEnd: (_s, r) => void calls.push(`${name}:end:${r.id}`),
      onRunEnd: async () => {
        calls.push(`${name}:done`);
        if (failAtEnd) throw new GraderError('GRADER_ERR_REPORT_WRITE', `${name} broke.`);
      },
    });
    const fanOut = runReporters([recorder('a', true), { onRunEnd: () => void calls.push('b:done') }]);
    const report = buildFixtureReport();
    await fanOut.onRunStart({ target: report.target, rubric: 'default', checkCount: 1 });
    fanOut.onCheckStart('basic', 'basic.html', 'HTML page');
    fanOut.onCheckEnd('basic', report.suites[0]!.checks[0]!);
    await expect(fanOut.onRunEnd(report)).rejects.toThrow('a broke.');
    expect(calls).toEqual(['a:start', 'a:begin:basic.html', 'a:end:basic.html', 'a:done', 'b:done']);
  });
});
