import { freshUrl } from '../../../harness/corpus/fresh-url.js';
import { compareBytes } from '../../../harness/compare.js';
import { buildProxyRequest } from '../../../harness/clients/raw-client.js';
import { openSlowClient } from '../../../harness/clients/slow-client.js';
import type { Bilingual, CheckContext } from '../../../types.js';

/** What one client of a round asked for and what it got. */
export interface ClientOutcome {
  name: string;
  kind: 'ok' | 'nothing' | 'never-closed' | 'other-object' | 'wrong-bytes' | 'refused';
  /** For 'other-object': the corpus object whose bytes it received. */
  gotName?: string;
  /** For 'wrong-bytes': how the bytes differ. */
  summary?: Bilingual;
  expectedExcerpt?: string;
  receivedExcerpt?: string;
}

/**
 * One round: opens a connection per object, waits until every one is established (they sit in the proxy's
 * accept queue together), then writes every request in the same tick and reads each response to EOF.
 */
export async function runDistinctRound(
  ctx: CheckContext,
  names: readonly string[],
  expectedByName: ReadonlyMap<string, Buffer>,
  limitMs: number,
): Promise<ClientOutcome[]> {
  const clients = names.map(() => openSlowClient(ctx.proxy));
  ctx.defer(() => {
    for (const client of clients) client.destroy();
  });
  const connected = await Promise.all(clients.map((client) => client.connected));
  for (const [i, client] of clients.entries()) {
    const name = names[i]!;
    client.write(buildProxyRequest(freshUrl(ctx.harness, name)));
  }
  const states = await Promise.all(
    clients.map((client) => client.waitForClose({ timeoutMs: limitMs, signal: ctx.signal })),
  );
  for (const client of clients) client.destroy();
  return states.map((state, i) => {
    const name = names[i]!;
    if (!connected[i]) return { name, kind: 'refused' };
    const expected = expectedByName.get(name)!;
    const comparison = compareBytes(expected, state.received);
    if (comparison.equal && state.kind === 'closed' && state.errorCode === undefined)
      return { name, kind: 'ok' };
    const excerpts = {
      expectedExcerpt: comparison.expectedExcerpt,
      receivedExcerpt: comparison.receivedExcerpt,
    };
    if (state.received.length === 0 && state.kind === 'timeout') return { name, kind: 'nothing' };
    if (comparison.equal && state.kind === 'timeout') return { name, kind: 'never-closed', ...excerpts };
    if (comparison.equal) {
      const summary = {
        en: `all ${expected.length} bytes arrived, then the connection was reset (${state.errorCode})`,
        ko: `${expected.length}바이트가 모두 온 뒤 연결이 리셋됨(${state.errorCode})`,
      };
      return { name, kind: 'wrong-bytes', summary, ...excerpts };
    }
    const gotName = findObjectByBytes(state.received, name, expectedByName);
    if (gotName !== undefined) return { name, kind: 'other-object', gotName };
    return { name, kind: 'wrong-bytes', summary: comparison.account, ...excerpts };
  });
}

/** The name of the object whose response starts the received bytes (whole response or at least its body). */
function findObjectByBytes(
  received: Buffer,
  ownName: string,
  expectedByName: ReadonlyMap<string, Buffer>,
): string | undefined {
  for (const [name, expected] of expectedByName) {
    if (name === ownName) continue;
    const bodyStart = expected.indexOf('\r\n\r\n') + 4;
    const body = expected.subarray(bodyStart);
    if (received.subarray(0, expected.length).equals(expected)) return name;
    if (body.length > 0 && received.includes(body)) return name;
  }
  return undefined;
}
