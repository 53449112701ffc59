// Loads a built Functions app the way the worker does: package.json `main` (file or glob-free
// path), host.json beside it, with `@azure/functions-core` provided by us.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  installFunctionsCore,
  setActiveRegistrar,
  type CoreRegistrar,
  type FunctionCallback,
  type FunctionMetadata,
} from './functions-core';
import { LocalHostError } from '../local-host-error';

export interface RegisteredFunction {
  name: string;
  metadata: FunctionMetadata;
  handler: FunctionCallback;
  triggerName: string;
  triggerType: string;
  trigger: Record<string, unknown>;
}

export interface HostJson {
  version?: string;
  extensions?: {
    http?: { routePrefix?: string };
    durableTask?: {
      hubName?: string;
      maxConcurrentActivityFunctions?: number;
      maxConcurrentOrchestratorFunctions?: number;
    };
  };
  [key: string]: unknown;
}

export interface LoadedApp {
  appDir: string;
  mainPath: string;
  hostJson: HostJson;
  functions: Map<string, RegisteredFunction>;
  hooks: Map<string, ((ctx: unknown) => unknown)[]>;
}

export interface LoadAppOptions {
  appDir: string;
  log: (level: string, message: string, fields?: Record<string, unknown>) => void;
}

export function loadApp(options: LoadAppOptions): LoadedApp {
  const appDir = path.resolve(options.appDir);
  const pkgPath = path.join(appDir, 'package.json');
  if (!existsSync(pkgPath)) {
    throw new LocalHostError('AppNotFound', `No package.json in ${appDir}: pass the built app folder.`);
  }
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { main?: string };
  if (!pkg.main) {
    throw new LocalHostError('AppNotFound', `${pkgPath} has no "main": the worker needs it to find the functions.`);
  }
  const hostJsonPath = path.join(appDir, 'host.json');
  const hostJson: HostJson = existsSync(hostJsonPath)
    ? (JSON.parse(readFileSync(hostJsonPath, 'utf8')) as HostJson)
    : {};
  const mainPath = path.resolve(appDir, pkg.main);

  const functions = new Map<string, RegisteredFunction>();
  const hooks = new Map<string, ((ctx: unknown) => unknown)[]>();
  const registrar: CoreRegistrar = {
    registerFunction(metadata: FunctionMetadata, handler: FunctionCallback) {
      const entry = Object.entries(metadata.bindings).find(([, b]) => /trigger$/i.test(b.type ?? ''));
      if (!entry) throw new LocalHostError('InvalidFunction', `Function "${metadata.name}" has no trigger binding.`);
      const [triggerName, trigger] = entry;
      if (functions.has(metadata.name)) {
        throw new LocalHostError('InvalidFunction', `Function "${metadata.name}" is registered twice.`);
      }
      functions.set(metadata.name, {
        name: metadata.name,
        metadata,
        handler,
        triggerName,
        triggerType: String(trigger.type),
        trigger: trigger as Record<string, unknown>,
      });
    },
    registerHook(hookName, callback) {
      const list = hooks.get(hookName) ?? [];
      list.push(callback);
      hooks.set(hookName, list);
    },
    log(level, category, message) {
      options.log(level === 'error' ? 'error' : 'debug', message, { category });
    },
  };

  installFunctionsCore();
  setActiveRegistrar(registrar);
  const appRequire = createRequire(mainPath);
  // A second host in the same process (tests) must re-run the app's registrations.
  for (const key of Object.keys(appRequire.cache)) {
    if (key.startsWith(appDir + path.sep) && !key.includes(`${path.sep}node_modules${path.sep}`)) {
      delete appRequire.cache[key];
    }
  }
  appRequire(mainPath);
  return { appDir, mainPath, hostJson, functions, hooks };
}
