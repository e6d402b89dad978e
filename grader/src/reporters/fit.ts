import { displayWidth } from './text.js';

/** `text` cut to at most `width` display columns, ending in '…' when it was cut. */
export function truncateDisplay(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * Word-wraps one line of prose to `width` display columns, keeping its leading spaces; lines after the first start
 * with `indent`. A word longer than a line is left whole (a URL or a path stays copyable).
 */
export function wrapDisplay(text: string, width: number, indent: string): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let prefix = lead;
  let line = '';
  for (const word of text.slice(lead.length).split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && displayWidth(prefix + candidate) > width) {
      lines.push(prefix + line);
      prefix = indent;
      line = word;
    } else {
      line = candidate;
    }
  }
  lines.push(prefix + line);
  return lines;
}
