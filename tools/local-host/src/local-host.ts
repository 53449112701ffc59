// startLocalHost: runs a built Functions v4 app with no Functions host. Applies settings, listens
// on 127.0.0.1, loads the app (registrations arrive through our @azure/functions-core), starts the
// durable engine (with crash recovery), HTTP triggers, timer triggers and the management API.
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadApp } from './app/app-loader';
import { setClockOffset } from './clock';
import { DurableEngine } from './engine/engine';
import { patchTaskNumbering } from './engine/sdk-tasks';
import { DurableStore } from './engine/store';
import { extraInputsFor, type ClientBindingOptions } from './http/client-binding';
import { hasKey, sendError } from './http/http-util';
import { loadHostKeys, SYSTEM_KEY_NAME } from './host-keys';
import { HttpTriggers } from './http/http-triggers';
import { handleManagement, MANAGEMENT_PREFIX } from './http/management-api';
import { jsonLogger, toLevel, type LogFn } from './log';
import { isLocalHostError, LocalHostError } from './local-host-error';
import { TimerTriggers } from './triggers/timer-triggers';
import { withTimeout } from './with-timeout';

export interface LocalHostOptions {
  /** The built app folder (package.json with main, host.json). */
  appDir: string;
  /** 0 = any free port. */
  port: number;
  /** SQLite file of the durable engine (created if missing). */
  dbPath: string;
  /** App settings, applied to process.env before the app loads. */
  env?: Record<string, string>;
  /** Key of the app's HTTP functions (/api). Default: read from / generated into `function-key` next to dbPath (mode 0600). */
  functionKey?: string;
  /** The `durabletask_extension` system key of the management API. Default: read from / generated into `durabletask_extension` next to dbPath (0600). */
  systemKey?: string;
  /** Shifts the whole process clock (Date) by this much. */
  clockOffsetInMs?: number;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
  /** How long stop() waits for running activities before abandoning them (default 5000). */
  stopGraceInMs?: number;
}

export interface LocalHost {
  readonly url: string;
  /** Opens /api/* (authLevel function). */
  readonly functionKey: string;
  /** The `durabletask_extension` system key: opens /runtime/webhooks/durabletask/* only. */
  readonly systemKey: string;
  stop(): Promise<void>;
}

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const log: LogFn = options.log ?? jsonLogger();
  const hostLog = (level: string, message: string, fields?: Record<string, unknown>): void => log(toLevel(level), message, fields);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new LocalHostError('InvalidOption', `port must be an integer 0..65535, got ${options.port}.`, 400);
  }
  if (options.clockOffsetInMs) setClockOffset(options.clockOffsetInMs);
  for (const [k, v] of Object.entries(options.env ?? {})) process.env[k] = String(v);
  const dbPath = path.resolve(options.dbPath);
  mkdirSync(path.dirname(dbPath), { recursive: true });
  const { functionKey, systemKey } = loadHostKeys(path.dirname(dbPath), {
    ...(options.functionKey ? { functionKey: options.functionKey } : {}),
    ...(options.systemKey ? { systemKey: options.systemKey } : {}),
  });
  if (functionKey === systemKey) {
    throw new LocalHostError('InvalidOption', `The function key and the ${SYSTEM_KEY_NAME} system key must differ: the function key must not open the management API.`, 400);
  }

  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!handler) {
      sendError(res, 503, 'Starting', 'The local host is starting.');
      return;
    }
    handler(req, res).catch((error: unknown) => {
      if (isLocalHostError(error) && !res.headersSent) {
        // a refusal that says what to do (413, 503...): no stack in the log, the answer says it
        log('warn', 'request refused', { method: req.method, path: req.url?.split('?')[0], status: error.statusCode, code: error.code });
        sendError(res, error.statusCode, error.code, error.message);
        return;
      }
      log('error', 'request failed', { method: req.method, path: req.url?.split('?')[0], error: (error as Error).stack ?? String(error) });
      if (!res.headersSent) sendError(res, 500, 'InternalError', 'The local host failed to handle the request; see its log.');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  // durable-functions' getClient rewrites URLs to localhost:7071 unless this is set.
  process.env.WEBSITE_HOSTNAME = `127.0.0.1:${port}`;

  let store: DurableStore | undefined;
  try {
    const app = loadApp({ appDir: options.appDir, log: hostLog });
    if (!patchTaskNumbering(app.mainPath)) {
      log('warn', 'could not patch durable-functions task numbering: orchestrators will fail', { appDir: app.appDir });
    }
    store = new DurableStore(dbPath);
    const durable = app.hostJson.extensions?.durableTask ?? {};
    const maxConcurrentActivities = durable.maxConcurrentActivityFunctions ?? 10;
    const binding: ClientBindingOptions = { baseUrl: url, systemKey, taskHubName: durable.hubName ?? 'TestHubName' };
    const engine = new DurableEngine({
      store,
      app,
      log: hostLog,
      maxConcurrentActivities,
      extraInputs: (fn) => extraInputsFor(fn, binding),
    });
    const http = new HttpTriggers(app, binding, functionKey, hostLog);
    const timers = new TimerTriggers(app, binding, hostLog);
    handler = async (req, res) => {
      const reqUrl = new URL(req.url ?? '/', url);
      if (reqUrl.pathname.startsWith(MANAGEMENT_PREFIX)) {
        if (!hasKey(req, reqUrl, systemKey)) {
          sendError(res, 401, 'Unauthorized', `The durable management API needs the ${SYSTEM_KEY_NAME} system key (?code= or x-functions-key); the function key opens /api only.`);
          return;
        }
        await handleManagement(engine, binding, req, res, reqUrl);
      } else if (http.matches(reqUrl.pathname)) {
        await http.handle(req, res, reqUrl);
      } else {
        sendError(res, 404, 'NotFound', `Nothing at ${reqUrl.pathname}.`);
      }
    };
    const byType: Record<string, string[]> = {};
    for (const fn of app.functions.values()) (byType[fn.triggerType] ??= []).push(fn.name);
    log('info', 'app loaded', { appDir: app.appDir, functions: byType, settings: Object.keys(options.env ?? {}).length });
    engine.start();
    timers.start();
    log('info', 'local host listening', { url, db: dbPath, maxConcurrentActivities });

    let stopping: Promise<void> | undefined;
    return {
      url,
      functionKey,
      systemKey,
      stop() {
        stopping ??= (async () => {
          await withTimeout(timers.stop(), options.stopGraceInMs ?? 5000);
          await engine.stop(options.stopGraceInMs ?? 5000);
          await closeServer(server);
          store?.close();
          log('info', 'local host stopped', { url });
        })();
        return stopping;
      },
    };
  } catch (error) {
    await closeServer(server);
    store?.close();
    throw error;
  }
}

async function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
