// A strict little XML 1.0 parser for tests: elements, attributes, text, the five entities and character
// references. It throws on anything not well-formed that a JUnit writer could get wrong: a bare '<' or '&',
// ']]>' in text, characters XML forbids, mismatched or unclosed tags, duplicate attributes.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: Array<XmlElement | string>;
}

const ALLOWED = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  if (!ALLOWED.test(xml)) throw new Error('XML contains a character XML 1.0 forbids');
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}: ${JSON.stringify(xml.slice(i, i + 30))}`);
  };
  const skipSpace = () => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const decode = (raw: string): string => {
    if (raw.includes('<')) fail('bare < in content');
    return raw.replace(/&([^;]*);|&/g, (match, ref: string | undefined) => {
      if (ref === undefined) return fail('bare &');
      if (ref in ENTITIES) return ENTITIES[ref]!;
      const code = /^#x[0-9a-fA-F]+$/.test(ref)
        ? Number.parseInt(ref.slice(2), 16)
        : /^#\d+$/.test(ref)
          ? Number(ref.slice(1))
          : NaN;
      if (Number.isNaN(code)) return fail(`unknown entity ${match}`);
      const ch = String.fromCodePoint(code);
      if (!ALLOWED.test(ch)) fail(`forbidden character reference ${match}`);
      return ch;
    });
  };
  const element = (): XmlElement => {
    i++; // '<'
    const name = NAME.exec(xml.slice(i))?.[0] ?? fail('element name expected');
    i += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return { name, attrs, children: [] };
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      const attr = NAME.exec(xml.slice(i))?.[0] ?? fail('attribute name expected');
      i += attr.length;
      if (xml[i] !== '=' || xml[i + 1] !== '"') fail('="value" expected');
      const end = xml.indexOf('"', i + 2);
      if (end === -1) fail('unterminated attribute');
      if (attr in attrs) fail(`duplicate attribute ${attr}`);
      attrs[attr] = decode(xml.slice(i + 2, end));
      i = end + 1;
    }
    const children: XmlElement['children'] = [];
    for (;;) {
      const next = xml.indexOf('<', i);
      if (next === -1) fail(`<${name}> is never closed`);
      const raw = xml.slice(i, next);
      if (raw.includes(']]>')) fail(']]> in content');
      if (raw) children.push(decode(raw));
      i = next;
      if (xml.startsWith('</', i)) {
        i += 2;
        if (!xml.startsWith(`${name}>`, i)) fail(`</${name}> expected`);
        i += name.length + 1;
        return { name, attrs, children };
      }
      children.push(element());
    }
  };
  if (xml.startsWith('<?xml')) {
    i = xml.indexOf('?>') + 2;
    if (i === 1) fail('unterminated declaration');
  }
  skipSpace();
  if (xml[i] !== '<') fail('root element expected');
  const root = element();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
