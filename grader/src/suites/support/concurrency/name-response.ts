/** The path a response from one of the grader's origins names in its body ('response for /x'), if any. */
export function nameResponse(bytes: Buffer): string | undefined {
  const match = /response for (\S+) \(origin /.exec(bytes.toString('latin1', 0, 4096));
  return match?.[1];
}
