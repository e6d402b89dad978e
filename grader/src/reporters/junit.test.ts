import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test, onTestFinished } from 'vitest';
import { JunitReporter } from './junit.js';
import { buildFixtureReport, NASTY_DETAIL } from '../../test/support/reporters/fixture-report.js';
import { childElements, parseXml, textOf, type XmlElement } from '../../test/support/reporters/parse-xml.js';
import { tempDir } from '../../test/support/reporters/temp-dir.js';
import { escapeXmlAttr, escapeXmlText, stripForbiddenXml } from './xml.js';

async function writeJunit(lang: 'en' | 'ko'): Promise<{ xml: string; root: XmlElement }> {
  const path = join(await tempDir(onTestFinished), 'junit.xml');
  await new JunitReporter({ out: path, lang, color: false, verbose: false }).onRunEnd(
    buildFixtureReport(lang),
  );
  const xml = await readFile(path, 'utf8');
  return { xml, root: parseXml(xml) };
}

describe('junit report', () => {
  test('is well-formed XML with one testsuite per suite and one testcase per check', async () => {
    const { root } = await writeJunit('en');
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({
      tests: '9',
      failures: '3',
      errors: '0',
      skipped: '1',
      time: '15.432',
    });
    const suites = childElements(root, 'testsuite');
    expect(suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures, s.attrs.skipped])).toEqual([
      ['basic', '3', '1', '0'],
      ['concurrency', '2', '1', '0'],
      ['robustness', '2', '1', '1'],
      ['cache', '2', '0', '0'],
    ]);
    const properties = childElements(childElements(suites[3]!, 'properties')[0]!, 'property');
    expect(properties.find((p) => p.attrs.name === 'score')?.attrs.value).toBe('5.5');
  });

  test('a test case is named by its check id alone, its points and title are its properties', async () => {
    const { root } = await writeJunit('en');
    const cases = childElements(root, 'testsuite').flatMap((s) => childElements(s, 'testcase'));
    const points = (id: string) => {
      const testcase = cases.find((t) => t.attrs.name === id);
      const props = childElements(childElements(testcase!, 'properties')[0]!, 'property');
      return Object.fromEntries(props.map((p) => [p.attrs.name, p.attrs.value]));
    };
    expect(cases.map((t) => t.attrs.name)).toContain('basic.html');
    expect(cases.every((t) => /^[a-z]+\.[a-z0-9-]+$/.test(t.attrs.name ?? ''))).toBe(true);
    expect(points('basic.html')).toMatchObject({ score: '3', maxScore: '3' });
    expect(points('basic.binary-large')).toMatchObject({ score: '0', maxScore: '4' });
    expect(points('cache.one-copy')).toMatchObject({ score: '2.5', maxScore: '2.5' });
  });

  test('a failure carries the detail as its message and expected, received, hint and reproduce in its body', async () => {
    const { root } = await writeJunit('en');
    const cases = childElements(root, 'testsuite').flatMap((s) => childElements(s, 'testcase'));
    const failures = cases.flatMap((t) => childElements(t, 'failure'));
    expect(failures.map((f) => f.attrs.type)).toEqual(['failed', 'timed-out', 'crashed']);
    const large = failures[0]!;
    // \u0001 is stripped (XML 1.0 cannot carry it); ]]>, <, & and quotes survive escaping.
    expect(large.attrs.message).toBe(NASTY_DETAIL.replace('\u0001', '').replace('\u001b', ''));
    const body = textOf(large);
    expect(body).toContain('Expected: 00 01 02 03 ff fe');
    expect(body).toContain('Received: (end of stream)');
    expect(body).toContain('Hint: Relay until EOF');
    expect(body).toContain('Reproduce: curl -sS -x 127.0.0.1:15213');
    expect(textOf(failures[2]!)).toContain('proxy: write: Broken pipe');
    const skipped = cases.flatMap((t) => childElements(t, 'skipped'));
    expect(skipped.map((s) => s.attrs.message)).toEqual(['the proxy runs outside the grader']);
  });

  test('Korean titles and labels come through intact', async () => {
    const { root } = await writeJunit('ko');
    const basic = childElements(root, 'testsuite')[0]!;
    const title = childElements(childElements(basic, 'properties')[0]!, 'property')[0]!;
    expect(title.attrs.value).toBe('기본 요청');
    const html = childElements(basic, 'testcase')[0]!;
    expect(html.attrs.name).toBe('basic.html');
    expect(childElements(childElements(html, 'properties')[0]!, 'property')[0]!.attrs.value).toBe(
      'HTML 페이지',
    );
    expect(textOf(childElements(childElements(basic, 'testcase')[1]!, 'failure')[0]!)).toContain(
      '힌트: 응답을 EOF까지',
    );
  });
});

describe('xml escaping', () => {
  test('characters XML 1.0 forbids are stripped, everything else is kept', () => {
    expect(stripForbiddenXml('a\u0000b\u0001c\uFFFEd\uD800e\u0009f\u{1F600}한')).toBe(
      'abcde\u0009f\u{1F600}한',
    );
  });

  test('text and attribute values parse back to what was escaped', () => {
    const value = 'x ]]> <y> & "z" \'w\'\n\ttab';
    const root = parseXml(`<r a="${escapeXmlAttr(value)}">${escapeXmlText(value)}</r>`);
    expect(root.attrs.a).toBe(value);
    expect(textOf(root)).toBe(value);
  });

  test.each([
    ['a bare ampersand', '<a>&</a>'],
    ['a CDATA terminator in text', '<a>]]></a>'],
    ['a forbidden character', '<a>\u0001</a>'],
    ['a mismatched end tag', '<a><b></a></b>'],
    ['a duplicate attribute', '<a x="1" x="2"/>'],
  ])('the test parser rejects %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow();
  });
});
