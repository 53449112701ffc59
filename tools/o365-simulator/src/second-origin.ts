// The second origin the redirect faults point to (issue 8): a plain http server on loopback that
// answers any listing with `[]` (an empty window, if a collector believed it) and any blob with one
// made-up record (a forged event, if a collector stored it). It asks for no token, as an attacker's
// host would not; it counts what it gets so tests can assert it was never reached.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SecondOrigin {
  readonly url: string;
  /** Requests it received (a collector that refuses cross-origin redirects sends none). */
  readonly requests: () => number;
  close(): Promise<void>;
}

export async function startSecondOrigin(host: string, forgedRecord: () => Record<string, unknown>): Promise<SecondOrigin> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    req.resume();
    const body = JSON.stringify(req.url?.includes('/audit/') ? [forgedRecord()] : []);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
