/** What an image runs by default (docker image inspect → Config). */
export interface ImageCommand {
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
}

/**
 * How the grader tells an image which port to listen on (PROXY_PORT=<port> is set as well):
 * - CMD ending in a port number (`CMD ["./proxy", "15213"]`): that number is replaced → `./proxy <port>`;
 * - an ENTRYPOINT and no CMD (`ENTRYPOINT ["./proxy"]`): the port is the only argument;
 * - anything else (e.g. `CMD ./proxy $PROXY_PORT`, shell form): the command is kept; the image reads PROXY_PORT.
 * Returns the CMD to run with, or undefined to keep the image's own.
 */
export function commandForPort(image: ImageCommand, port: number): string[] | undefined {
  const cmd = image.Cmd ?? [];
  const last = cmd.at(-1);
  if (last !== undefined && /^\d{1,5}$/.test(last)) return [...cmd.slice(0, -1), String(port)];
  if ((image.Entrypoint ?? []).length > 0 && cmd.length === 0) return [String(port)];
  return undefined;
}

/** One line for the report: how the container was started. */
export function describeCommand(image: ImageCommand, cmd: string[] | undefined): string {
  const words = [...(image.Entrypoint ?? []), ...(cmd ?? image.Cmd ?? [])];
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : JSON.stringify(w))).join(' ');
}
