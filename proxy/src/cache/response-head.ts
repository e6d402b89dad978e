/** What a response head allows the cache to do with the whole response. */
export type HeadVerdict =
  /** Not a `200`, or a Content-Length no body can satisfy: never stored. */
  | { readonly cacheable: false }
  /** Stored once complete: when `bodyBytes` is set, only if the body is exactly that long. */
  | { readonly cacheable: true; readonly bodyBytes: number | undefined };

const NEVER: HeadVerdict = { cacheable: false };
const ANY_LENGTH: HeadVerdict = { cacheable: true, bodyBytes: undefined };

const OK_STATUS_LINE = /^HTTP\/1\.\d 200(?:[ \t][^\r\n]*)?\r?\n/;
const CONTENT_LENGTH = 'content-length';
const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const COLON = 58;
const DIGITS = /^\d+$/;

/**
 * Where the head ends in `text` (just past the first blank line, CRLF or bare LF, whichever starts
 * first), or -1 when it has not ended yet. `text` is latin1, so indexes are byte offsets.
 */
export function findHeadEndInText(text: string): number {
  const crlf = text.indexOf('\r\n\r\n');
  // A bare-LF blank line only wins when it starts before the CRLF one, so only that far is searched.
  const lf = (crlf === -1 ? text : text.slice(0, crlf + 1)).indexOf('\n\n');
  if (lf !== -1) return lf + 2;
  return crlf === -1 ? -1 : crlf + 4;
}

/** The same as findHeadEnd on the bytes themselves, for data too long to decode just to search it. */
export function findHeadEnd(bytes: Buffer): number {
  const crlf = bytes.indexOf('\r\n\r\n', 0, 'latin1');
  // A bare-LF blank line only wins when it starts before the CRLF one, so only that far is searched.
  const lfWindow = crlf === -1 ? bytes : bytes.subarray(0, crlf + 1);
  const lf = lfWindow.indexOf('\n\n', 0, 'latin1');
  if (lf !== -1) return lf + 2;
  return crlf === -1 ? -1 : crlf + 4;
}

/**
 * Reads a complete response head (latin1, blank line included): cacheable when the status is `200`, and
 * then every Content-Length header (name in any case, spaces and tabs around the value ignored) must be
 * a decimal number, the same one, which the body must match.
 */
export function judgeResponseHead(head: string): HeadVerdict {
  if (!OK_STATUS_LINE.test(head)) return NEVER;
  // Lowercasing latin1 text keeps every character at its index, so matches point into `head` as well.
  const lowered = head.toLowerCase();
  let bodyBytes: number | undefined;
  for (let at = lowered.indexOf(CONTENT_LENGTH); at !== -1; at = lowered.indexOf(CONTENT_LENGTH, at + 1)) {
    // A header name starts a line: after LF, or after a bare CR as well.
    const before = head.charCodeAt(at - 1);
    if (before !== LF && before !== CR) continue;
    const value = readHeaderValue(head, at + CONTENT_LENGTH.length);
    if (value === undefined) continue;
    if (!DIGITS.test(value)) return NEVER;
    const length = Number(value);
    if (bodyBytes !== undefined && length !== bodyBytes) return NEVER;
    bodyBytes = length;
  }
  return bodyBytes === undefined ? ANY_LENGTH : { cacheable: true, bodyBytes };
}

/** After a header name ending at `nameEnd`: the value without surrounding blanks, or undefined when no colon follows. */
function readHeaderValue(head: string, nameEnd: number): string | undefined {
  let i = skipBlanks(head, nameEnd);
  if (head.charCodeAt(i) !== COLON) return undefined;
  i = skipBlanks(head, i + 1);
  let end = i;
  while (end < head.length && head.charCodeAt(end) !== CR && head.charCodeAt(end) !== LF) end += 1;
  while (end > i && isBlank(head.charCodeAt(end - 1))) end -= 1;
  return head.slice(i, end);
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (isBlank(text.charCodeAt(i))) i += 1;
  return i;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}
