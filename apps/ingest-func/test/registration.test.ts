// The built entry point registers every function with the trigger, route, auth level and
// schedule the hosts expect. Bundled like `npm run build` and loaded in a child process with a
// stand-in for `@azure/functions-core` (the module the Functions worker provides), the way the
// local host loads the app.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTE_PREFIX, CONSOLE_ROUTE_PREFIX, FUNCTION_NAMES } from '../src/shared/function-names';
import { INSTANCE_PURGE_SCHEDULE } from '../src/purge/instance-purge-timer';
import { PURGE_SCHEDULE } from '../src/purge/purge-timer';

const appDir = resolve(__dirname, '..');
const repoRoot = resolve(appDir, '../..');
const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';

const FAKE_CORE = `
const Module = require('node:module');
const path = require('node:path');
const file = path.join(path.sep, '__fake_functions_core__.js');
const registered = [];
const mod = new Module(file);
mod.filename = file;
mod.loaded = true;
mod.exports = {
  version: '3.5.1-test',
  setProgrammingModel() {},
  getProgrammingModel() {},
  registerFunction(metadata) { registered.push(metadata); return { dispose() {} }; },
  registerHook() { return { dispose() {} }; },
  log() {},
  Disposable: class { dispose() {} },
};
Module._cache[file] = mod;
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === '@azure/functions-core' ? file : original.call(this, request, ...rest);
};
process.on('exit', () => process.stdout.write(JSON.stringify(registered)));
`;

interface Binding {
  type: string;
  schedule?: string;
  route?: string;
  authLevel?: string;
  methods?: string[];
}

function loadBundle(dir: string, env: Record<string, string>): { registered: { name: string; bindings: Record<string, Binding> }[] } {
  const result = execFileSync(process.execPath, ['-r', join(dir, 'fake-core.cjs'), join(dir, 'main.js')], {
    env: { PATH: process.env.PATH ?? '', NODE_PATH: join(repoRoot, 'node_modules'), ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { registered: JSON.parse(result) };
}

describe('the bundled app', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ingest-func-bundle-'));
    writeFileSync(join(dir, 'fake-core.cjs'), FAKE_CORE);
    execFileSync(process.execPath, [join(repoRoot, 'tools/scripts/bundle.mjs'), join(appDir, 'src/main.ts'), join(dir, 'main.js')], { cwd: appDir });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('registers every function once, with the schedule from the settings', () => {
    const { registered } = loadBundle(dir, { AUDITFLOW_TENANT_ID: TENANT, AUDITFLOW_SCHEDULE: '*/30 * * * * *' });
    expect(registered.map((r) => r.name).sort()).toEqual(Object.values(FUNCTION_NAMES).sort());
    const triggerOf = (name: string) => Object.values(registered.find((r) => r.name === name)!.bindings).find((b) => /trigger$/i.test(b.type))!;
    expect(triggerOf(FUNCTION_NAMES.collectTimer)).toMatchObject({ type: 'timerTrigger', schedule: '*/30 * * * * *' });
    expect(PURGE_SCHEDULE).toBe('0 17 * * * *');
    const purge = registered.find((r) => r.name === FUNCTION_NAMES.purgeExpired)!;
    expect(triggerOf(FUNCTION_NAMES.purgeExpired)).toMatchObject({ type: 'timerTrigger', schedule: PURGE_SCHEDULE });
    // A plain timer: no durable client binding.
    expect(Object.values(purge.bindings).map((b) => b.type)).toEqual(['timerTrigger']);
    // The instance-history purge (C13): a timer with the durable client, off the store purge's minute.
    expect(INSTANCE_PURGE_SCHEDULE).toBe('0 47 * * * *');
    const instancePurge = registered.find((r) => r.name === FUNCTION_NAMES.purgeInstanceHistory)!;
    expect(triggerOf(FUNCTION_NAMES.purgeInstanceHistory)).toMatchObject({ type: 'timerTrigger', schedule: INSTANCE_PURGE_SCHEDULE });
    expect(Object.values(instancePurge.bindings).map((b) => b.type).sort()).toEqual(['durableClient', 'timerTrigger']);
    expect(triggerOf(FUNCTION_NAMES.rerunHttpStart)).toMatchObject({ type: 'httpTrigger', route: 'api/rerun', authLevel: 'function', methods: ['POST'] });
    expect(triggerOf(FUNCTION_NAMES.statusHttp)).toMatchObject({ type: 'httpTrigger', route: 'api/status', authLevel: 'function', methods: ['GET'] });
    expect(triggerOf(FUNCTION_NAMES.consoleSignIn)).toMatchObject({ type: 'httpTrigger', route: 'console/api/session', authLevel: 'function', methods: ['POST'] });
    expect(triggerOf(FUNCTION_NAMES.consoleApi)).toMatchObject({ type: 'httpTrigger', route: 'console/api/{*rest}', authLevel: 'anonymous' });
    expect(triggerOf(FUNCTION_NAMES.consolePages)).toMatchObject({ type: 'httpTrigger', route: 'console/{*path}', authLevel: 'anonymous', methods: ['GET'] });
    for (const name of [FUNCTION_NAMES.collectOrchestrator, FUNCTION_NAMES.collectContentTypeOrchestrator, FUNCTION_NAMES.rerunOrchestrator]) {
      expect(triggerOf(name).type).toBe('orchestrationTrigger');
    }
    expect(triggerOf(FUNCTION_NAMES.storeContent).type).toBe('activityTrigger');
    expect(triggerOf(FUNCTION_NAMES.analyseNewEvents).type).toBe('activityTrigger');
    expect(triggerOf(FUNCTION_NAMES.graphHttp)).toMatchObject({ type: 'httpTrigger', route: 'api/graph', authLevel: 'function', methods: ['GET'] });
    expect(triggerOf(FUNCTION_NAMES.entityHttp)).toMatchObject({ type: 'httpTrigger', route: 'api/entities/{kind}/{*id}', authLevel: 'function' });
    for (const name of [FUNCTION_NAMES.findingsHttp, FUNCTION_NAMES.healthHttp, FUNCTION_NAMES.eventsHttp]) {
      expect(triggerOf(name)).toMatchObject({ type: 'httpTrigger', authLevel: 'function', methods: ['GET'] });
    }
  });

  // host.json's routePrefix is empty (the console lives beside /api): each route names its prefix.
  // Script routes must sit under api/ with a function key (infra excludes /api/* from sign-in);
  // only console routes, which check the caller themselves, may be anonymous.
  it('puts every HTTP route under api/ (function key) or console/, with the sign-in route before the console catch-all', () => {
    const hostJson = JSON.parse(readFileSync(join(appDir, 'host.json'), 'utf8')) as { extensions: { http: { routePrefix: string } } };
    expect(hostJson.extensions.http.routePrefix).toBe('');
    const { registered } = loadBundle(dir, { AUDITFLOW_TENANT_ID: TENANT });
    const http = registered.flatMap((r) => Object.values(r.bindings).filter((b) => b.type === 'httpTrigger').map((b) => ({ ...b, fn: r.name })));
    expect(http.length).toBeGreaterThanOrEqual(5);
    for (const b of http) {
      if (b.route!.startsWith(API_ROUTE_PREFIX)) expect(b.authLevel, b.fn).toBe('function');
      else expect(b.route!.startsWith(CONSOLE_ROUTE_PREFIX), `${b.fn} route ${b.route}`).toBe(true);
    }
    const order = http.map((b) => b.fn);
    expect(order.indexOf(FUNCTION_NAMES.consoleSignIn)).toBeLessThan(order.indexOf(FUNCTION_NAMES.consoleApi));
    expect(order.indexOf(FUNCTION_NAMES.consoleApi)).toBeLessThan(order.indexOf(FUNCTION_NAMES.consolePages));
  });

  it('still loads with invalid settings, using the default schedule', () => {
    const { registered } = loadBundle(dir, { AUDITFLOW_TENANT_ID: 'not-a-guid' });
    const timer = registered.find((r) => r.name === FUNCTION_NAMES.collectTimer)!;
    expect(Object.values(timer.bindings).find((b) => b.type === 'timerTrigger')!.schedule).toBe('0 */5 * * * *');
    const purge = registered.find((r) => r.name === FUNCTION_NAMES.purgeExpired)!;
    expect(Object.values(purge.bindings).find((b) => b.type === 'timerTrigger')!.schedule).toBe('0 17 * * * *');
  });
});
