// A tiny Management Activity API stand-in on 127.0.0.1 (real sockets, port 0): each test gives the
// handler; the server records every request so tests can assert on URLs and headers.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccessToken, TokenCredential } from '@azure/identity';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Handler = (req: RecordedRequest, res: ServerResponse, index: number) => unknown;

export interface FakeApi {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeApi(handler: Handler): Promise<FakeApi> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res, requests.length - 1)).catch((error: unknown) => {
        res.destroy(error as Error);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message = 'failed', headers: Record<string, string> = {}): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

export const TEST_TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.SECRET-ACCESS-TOKEN.sig';

/** A TokenCredential that counts calls and the scopes it was asked for. */
export function fakeCredential(): TokenCredential & { scopes: string[] } {
  const scopes: string[] = [];
  return {
    scopes,
    async getToken(scope: string | string[]): Promise<AccessToken> {
      scopes.push(Array.isArray(scope) ? scope.join(' ') : scope);
      return { token: TEST_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** The query of a recorded URL, and how often `?` and PublisherIdentifier occur in it. */
export function queryOf(url: string): { params: URLSearchParams; questionMarks: number; publisherIds: string[] } {
  const params = new URL(url, 'http://x').searchParams;
  return { params, questionMarks: url.split('?').length - 1, publisherIds: params.getAll('PublisherIdentifier') };
}
