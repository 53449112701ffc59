// HTTP triggers at /{routePrefix}/{route}: route templates ({id}, {id?}, {id:int}, {*rest}),
// allowed methods, authLevel (function/admin need the function key), invoked through the app's
// programming model with RPC-shaped request data.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoadedApp, RegisteredFunction } from '../app/app-loader';
import type { RpcTypedData } from '../app/functions-core';
import { invokeFunction } from '../app/invoker';
import { extraInputsFor, type ClientBindingOptions } from './client-binding';
import { hasKey, readBody, safeDecode, sendError } from './http-util';

type Log = (level: string, message: string, fields?: Record<string, unknown>) => void;

interface Route {
  fn: RegisteredFunction;
  regex: RegExp;
  names: string[];
  methods: string[] | undefined;
  authLevel: string;
}

export class HttpTriggers {
  private readonly routes: Route[] = [];
  readonly prefix: string;

  constructor(app: LoadedApp, private readonly binding: ClientBindingOptions, private readonly functionKey: string, private readonly log: Log) {
    const prefix = app.hostJson.extensions?.http?.routePrefix ?? 'api';
    this.prefix = prefix ? `/${prefix.replace(/^\/+|\/+$/g, '')}` : '';
    for (const fn of app.functions.values()) {
      if (fn.triggerType !== 'httpTrigger') continue;
      const route = String(fn.trigger.route ?? fn.name).replace(/^\/+|\/+$/g, '');
      const { regex, names } = compileRoute(route);
      const methods = Array.isArray(fn.trigger.methods) ? (fn.trigger.methods as string[]).map((m) => m.toUpperCase()) : undefined;
      this.routes.push({ fn, regex, names, methods, authLevel: String(fn.trigger.authLevel ?? 'function').toLowerCase() });
    }
  }

  matches(pathname: string): boolean {
    return pathname === this.prefix || pathname.startsWith(`${this.prefix}/`);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // match the raw path and decode each parameter, so an encoded '/' stays inside its parameter
    const rest = url.pathname.slice(this.prefix.length).replace(/^\/+|\/+$/g, '');
    const method = (req.method ?? 'GET').toUpperCase();
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(rest);
      if (!m) continue;
      pathMatched = true;
      if (route.methods && !route.methods.includes(method)) continue;
      if (route.authLevel !== 'anonymous' && !hasKey(req, url, this.functionKey)) {
        sendError(res, 401, 'Unauthorized', 'This function needs the function key (?code= or x-functions-key).');
        return;
      }
      const params: Record<string, string> = {};
      route.names.forEach((n, i) => {
        const v = m[i + 1];
        if (v !== undefined) params[n] = safeDecode(v);
      });
      await this.invoke(route.fn, req, res, url, params);
      return;
    }
    if (pathMatched) sendError(res, 405, 'MethodNotAllowed', `${method} is not allowed on ${url.pathname}.`);
    else sendError(res, 404, 'NotFound', `No HTTP function at ${url.pathname}.`);
  }

  private async invoke(fn: RegisteredFunction, req: IncomingMessage, res: ServerResponse, url: URL, params: Record<string, string>): Promise<void> {
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const started = Date.now();
    try {
      const result = await invokeFunction(fn, {
        trigger: { http: { url: url.href, method: req.method ?? 'GET', headers, query, params, body: { bytes: new Uint8Array(body) } } },
        extraInputs: extraInputsFor(fn, this.binding),
        log: this.log,
      });
      const http = result.returnValue?.http as { statusCode?: string | number; headers?: Record<string, string>; body?: RpcTypedData } | undefined;
      const status = Number(http?.statusCode ?? (http ? 200 : 204));
      const out = bodyBytes(http?.body);
      res.writeHead(status, http?.headers ?? {});
      res.end(out);
      this.log('info', 'http function executed', { function: fn.name, method: req.method, status, durationMs: Date.now() - started });
    } catch (error) {
      this.log('error', 'http function failed', { function: fn.name, error: (error as Error).stack ?? String(error) });
      if (!res.headersSent) sendError(res, 500, 'FunctionFailed', `Function '${fn.name}' failed; see the host log.`);
      else res.end();
    }
  }
}

function bodyBytes(body: RpcTypedData | undefined): Buffer {
  if (!body) return Buffer.alloc(0);
  if (body.bytes) return Buffer.from(body.bytes);
  if (body.string !== undefined) return Buffer.from(body.string);
  if (body.json !== undefined) return Buffer.from(body.json);
  return Buffer.alloc(0);
}

/** Turns a Functions route template into a regex with one group per parameter. */
export function compileRoute(route: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  let pattern = '';
  for (const segment of route.split('/').filter(Boolean)) {
    const m = /^\{(\*)?([A-Za-z_][\w]*)(?::([a-z]+))?(\?)?\}$/.exec(segment);
    if (!m) {
      pattern += `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`;
      continue;
    }
    const [, catchAll, name, constraint, optional] = m;
    names.push(name!);
    const inner = catchAll ? '(.*)' : constraint === 'int' ? '(-?\\d+)' : '([^/]+)';
    pattern += optional || catchAll ? `(?:/${inner})?` : `/${inner}`;
  }
  return { regex: new RegExp(`^${pattern.replace(/^\//, '').replace(/^\(\?:\//, '(?:/?')}$`, 'i'), names };
}
