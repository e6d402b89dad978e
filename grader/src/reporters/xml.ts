// Characters XML 1.0 allows: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// Everything else (NUL, other C0 controls, lone surrogates, U+FFFE/U+FFFF) cannot appear even escaped.
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripForbiddenXml(text: string): string {
  return text.replace(FORBIDDEN, '');
}

/** Text content: forbidden characters dropped, markup characters escaped (so `]]>` is harmless too). */
export function escapeXmlText(text: string): string {
  return stripForbiddenXml(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Attribute values: as text, plus quotes, and whitespace kept as character references (not normalised away). */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}
