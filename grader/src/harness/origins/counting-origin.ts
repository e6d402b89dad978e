import { buildOriginResponse, makeOriginToken } from './origin-response.js';
import { extendOrigin, type OriginServer, startOriginServer } from './origin-server.js';
import { type ReceivedRequest, readRequestHead } from './request-head.js';

/** An origin that answers every request with 200 and keeps the request heads it received. */
export interface CountingOrigin extends OriginServer {
  readonly requests: readonly ReceivedRequest[];
  responseFor(path: string): Buffer;
}

export async function startCountingOrigin(): Promise<CountingOrigin> {
  const token = makeOriginToken();
  const responseFor = (path: string) => buildOriginResponse(path, token);
  const requests: ReceivedRequest[] = [];
  const server = await startOriginServer((socket) => {
    readRequestHead(socket, (request) => {
      requests.push(request);
      socket.end(responseFor(request.path));
    });
  });
  return extendOrigin(server, { requests, responseFor });
}
