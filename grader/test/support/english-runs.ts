// Finds English sentences left in text meant to be Korean: three or more English words in a row, outside what
// stays as it is in any language (URLs, paths, quoted bytes, code spans).
const KEPT_AS_IS = [
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, // URLs
  /"(?:[^"\\]|\\.)*"/g, // quoted bytes, JSON strings
  /'[^'\n]*'/g, // quoted header lines and request lines
  /`[^`]*`/g, // code spans
  /\S*\/\S*/g, // paths, HTTP/1.0, pid/ipc/mount
];

const ENGLISH_RUN = /\b[A-Za-z][A-Za-z'-]*(?:[ \t]+[A-Za-z][A-Za-z'-]*){2,}\b/g;

export function englishRuns(text: string): string[] {
  let rest = text;
  for (const pattern of KEPT_AS_IS) rest = rest.replace(pattern, ' § ');
  return [...rest.matchAll(ENGLISH_RUN)].map((match) => match[0]);
}
