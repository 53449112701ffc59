// A Cosmos-protocol server for tests (@vercel/cosmosdb-server, in memory) on 127.0.0.1 with a
// certificate made here: the one the package ships has expired. `intercept` lets a test answer
// chosen requests itself (a 429 or a 403) before the server sees them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { generate } from 'selfsigned';

export interface CosmosTestServerOptions {
  /** Return true after answering `res` yourself; false lets the server handle the request. */
  readonly intercept?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface CosmosTestServer {
  /** https://127.0.0.1:PORT */
  readonly endpoint: string;
  /** Any key works: the server checks none. */
  readonly key: string;
  /** Trusts the server's certificate; pass it as `agent` to openCosmosStore. */
  readonly agent: Agent;
  /** The server's self-signed certificate (PEM), for a client in another process. */
  readonly caPem: string;
  close(): Promise<void>;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

export async function startCosmosTestServer(options: CosmosTestServerOptions = {}): Promise<CosmosTestServer> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notBeforeDate: new Date(Date.now() - 3_600_000),
    notAfterDate: new Date(Date.now() + 2 * 86_400_000),
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const server = createHttpsServer({ cert: pems.cert, key: pems.private, keepAlive: true } as Parameters<typeof createHttpsServer>[0]);
  const { intercept } = options;
  if (intercept !== undefined) {
    const handlers = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (intercept(req, res)) return;
      for (const handle of handlers) handle(req, res);
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ ca: pems.cert, keepAlive: true });
  return {
    endpoint: `https://127.0.0.1:${port}`,
    key: Buffer.from('cosmos-test-server-key').toString('base64'),
    agent,
    caPem: pems.cert,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
