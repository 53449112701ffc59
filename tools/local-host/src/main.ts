#!/usr/bin/env node
// CLI: node tools/local-host/dist/main.js --app DIR --port N --db FILE [--function-key KEY]
//      [--system-key KEY] [--env-file local.settings.json] [--clock-offset-ms N] [--log-level debug|info|warn|error]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startLocalHost } from './local-host';
import { jsonLogger, type LogLevel } from './log';

const USAGE =
  'usage: main.js --app DIR --port N --db FILE [--function-key KEY] [--system-key KEY] [--env-file local.settings.json] [--clock-offset-ms N] [--log-level info] [--accept-new-event-store]';

function fail(message: string): never {
  process.stderr.write(`local-host: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse(): Parameters<typeof startLocalHost>[0] & { logLevel: LogLevel } {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        app: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        'function-key': { type: 'string' },
        'system-key': { type: 'string' },
        'env-file': { type: 'string' },
        'clock-offset-ms': { type: 'string' },
        'log-level': { type: 'string' },
        'accept-new-event-store': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }) as unknown as { values: Record<string, string | undefined> });
  } catch (error) {
    fail((error as Error).message);
  }
  if (!values.app) fail('--app is required (the built app folder).');
  if (!values.db) fail('--db is required (the SQLite file of the durable engine).');
  const port = Number(values.port ?? '7071');
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be an integer 0..65535, got "${values.port}".`);
  let clockOffsetInMs: number | undefined;
  if (values['clock-offset-ms'] !== undefined) {
    clockOffsetInMs = Number(values['clock-offset-ms']);
    if (!Number.isFinite(clockOffsetInMs)) fail(`--clock-offset-ms must be a number, got "${values['clock-offset-ms']}".`);
  }
  const logLevel = (values['log-level'] ?? 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) fail(`--log-level must be debug, info, warn or error.`);
  let env: Record<string, string> | undefined;
  if (values['env-file']) {
    try {
      const parsed = JSON.parse(readFileSync(values['env-file'], 'utf8')) as { Values?: Record<string, unknown> };
      if (!parsed.Values || typeof parsed.Values !== 'object') throw new Error('it has no "Values" object');
      env = Object.fromEntries(Object.entries(parsed.Values).map(([k, v]) => [k, String(v)]));
    } catch (error) {
      fail(`cannot read --env-file ${values['env-file']}: ${(error as Error).message}`);
    }
  }
  return {
    appDir: values.app,
    port,
    dbPath: values.db,
    logLevel,
    ...(values['function-key'] ? { functionKey: values['function-key'] } : {}),
    ...(values['system-key'] ? { systemKey: values['system-key'] } : {}),
    ...(env ? { env } : {}),
    ...(clockOffsetInMs !== undefined ? { clockOffsetInMs } : {}),
    // a boolean flag: parseArgs gives true when present
    ...((values as Record<string, unknown>)['accept-new-event-store'] === true ? { acceptNewEventStore: true } : {}),
  };
}

async function main(): Promise<void> {
  const { logLevel, ...options } = parse();
  const log = jsonLogger(logLevel);
  const host = await startLocalHost({
    ...options,
    log,
    onFatal: (error) => {
      process.stderr.write(`local-host: stopped: ${error.message}\n`);
      process.exit(1);
    },
  });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { signal });
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log('error', 'stop failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  const e = error as { code?: string; message?: string };
  process.stderr.write(`local-host: failed to start: ${e.code ? `[${e.code}] ` : ''}${e.message ?? String(error)}\n`);
  process.exit(1);
});
