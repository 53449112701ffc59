// The host's HTTP server on 127.0.0.1: answers 503 until the app is loaded, turns a thrown
// LocalHostError into its status and message, anything else into a 500 whose stack goes to the
// log only. Never logs a query string (management URLs carry the system key).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLocalHostError } from '../local-host-error';
import type { LogFn } from '../log';
import { sendError, sendJson } from './http-util';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export class HostServer {
  private readonly server: Server;
  private handler: Handler | undefined;

  constructor(private readonly log: LogFn) {
    this.server = createServer((req, res) => this.serve(req, res));
  }

  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  setHandler(handler: Handler | undefined): void {
    this.handler = handler;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    if (!this.handler) {
      sendError(res, 503, 'Starting', 'The local host is starting (or stopping).');
      return;
    }
    const path = req.url?.split('?')[0];
    this.handler(req, res).catch((error: unknown) => {
      if (isLocalHostError(error) && !res.headersSent) {
        // a refusal that says what to do (413, 503...): the answer carries the message
        this.log('warn', 'request refused', { method: req.method, path, status: error.statusCode, code: error.code });
        const headers: Record<string, string> = error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {};
        sendJson(res, error.statusCode, { error: { code: error.code, message: error.message } }, headers);
        return;
      }
      this.log('error', 'request failed', { method: req.method, path, error: (error as Error).stack ?? String(error) });
      if (!res.headersSent) sendError(res, 500, 'InternalError', 'The local host failed to handle the request; see its log.');
      else res.end();
    });
  }
}
