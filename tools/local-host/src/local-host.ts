// startLocalHost: runs a built Functions v4 app with no Functions host. Applies settings, listens
// on 127.0.0.1, loads the app (registrations arrive through our @azure/functions-core), starts the
// durable engine (with crash recovery), HTTP triggers, timer triggers and the management API.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadApp } from './app/app-loader';
import { setClockOffset } from './clock';
import { DurableEngine } from './engine/engine';
import { bindDurableFunctions } from './sdk/durable-functions-internals';
import { DurableStore } from './engine/store';
import { extraInputsFor, type ClientBindingOptions } from './http/client-binding';
import { hasKey, sendError } from './http/http-util';
import { HostServer } from './http/host-server';
import { lockDataDirectory } from './data-dir-lock';
import { EventStoreGuard, eventStoreFile } from './event-store-guard';
import { loadHostKeys, SYSTEM_KEY_NAME } from './host-keys';
import { HttpTriggers } from './http/http-triggers';
import { handleManagement, MANAGEMENT_PREFIX } from './http/management-api';
import { jsonLogger, toLevel, type LogFn } from './log';
import { LocalHostError } from './local-host-error';
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
  /**
   * Start on a missing or different SQLite event store on purpose (the CLI's
   * --accept-new-event-store). Without it such a start is refused: see event-store-guard.ts.
   */
  acceptNewEventStore?: boolean;
  /** Called after the host stopped itself because its durable store was deleted or replaced (the CLI exits 1). */
  onFatal?: (error: Error) => void;
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

  const lock = lockDataDirectory(path.dirname(dbPath));
  const server = new HostServer(log);
  let store: DurableStore | undefined;
  let engine: DurableEngine | undefined;
  try {
    const url = await server.listen(options.port);
    // durable-functions' getClient rewrites URLs to localhost:7071 unless this is set.
    process.env.WEBSITE_HOSTNAME = url.replace('http://', '');
    store = new DurableStore(dbPath);
    const eventFile = eventStoreFile(process.env);
    const eventGuard = eventFile ? new EventStoreGuard(store, eventFile, hostLog) : undefined;
    eventGuard?.checkAtStart(options.acceptNewEventStore === true);
    const app = loadApp({ appDir: options.appDir, log: hostLog });
    bindDurableFunctions(app.mainPath); // refuses a durable-functions the engine was not written for
    const durable = app.hostJson.extensions?.durableTask ?? {};
    const maxConcurrentActivities = durable.maxConcurrentActivityFunctions ?? 10;
    const binding: ClientBindingOptions = { baseUrl: url, systemKey, taskHubName: durable.hubName ?? 'TestHubName' };
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopping ??= (async () => {
        await withTimeout(timers.stop(), options.stopGraceInMs ?? 5000);
        await engine?.stop(options.stopGraceInMs ?? 5000);
        safely(() => eventGuard?.observe());
        server.setHandler(undefined);
        await server.close();
        store?.close();
        lock.release();
        log('info', 'local host stopped', { url });
      })());
    engine = new DurableEngine({
      store,
      app,
      log: hostLog,
      maxConcurrentActivities,
      extraInputs: (fn) => extraInputsFor(fn, binding),
      onFinished: (inst) => {
        if (!inst.parent_id) safely(() => eventGuard?.observe());
      },
      onFatal: (error) => {
        log('error', 'local host stops: its durable store was deleted or replaced', { file: dbPath, error: error.message });
        // the request that hit it gets its answer first; then the host goes away, loudly
        setImmediate(() => void stop().then(() => (options.onFatal ?? (() => undefined))(error)));
      },
    });
    const running = engine;
    const http = new HttpTriggers(app, binding, functionKey, hostLog);
    const timers = new TimerTriggers(app, binding, hostLog, () => (running.paused ? 'the durable store cannot be written' : undefined));
    server.setHandler(async (req, res) => {
      const reqUrl = new URL(req.url ?? '/', url);
      if (reqUrl.pathname.startsWith(MANAGEMENT_PREFIX)) {
        if (!hasKey(req, reqUrl, systemKey)) {
          sendError(res, 401, 'Unauthorized', `The durable management API needs the ${SYSTEM_KEY_NAME} system key (?code= or x-functions-key); the function key opens /api only.`);
          return;
        }
        await handleManagement(running, binding, req, res, reqUrl);
      } else if (http.matches(reqUrl.pathname)) {
        await http.handle(req, res, reqUrl);
      } else {
        sendError(res, 404, 'NotFound', `Nothing at ${reqUrl.pathname}.`);
      }
    });
    const byType: Record<string, string[]> = {};
    for (const fn of app.functions.values()) (byType[fn.triggerType] ??= []).push(fn.name);
    log('info', 'app loaded', { appDir: app.appDir, functions: byType, settings: Object.keys(options.env ?? {}).length });
    engine.start();
    timers.start();
    log('info', 'local host listening', { url, db: dbPath, maxConcurrentActivities, ...(eventFile ? { eventStore: eventFile } : {}) });
    return { url, functionKey, systemKey, stop };
  } catch (error) {
    await engine?.stop(0);
    await server.close();
    store?.close();
    lock.release();
    throw error;
  }
}

/** Recording the event store's id is best effort while running (the start check is the guard). */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // the event store is being created or is busy: the next finished cycle or the stop records it
  }
}
