// The module a Functions worker provides as `@azure/functions-core`. @azure/functions caches
// the module object on first use, so there is ONE instance per process; it forwards every
// registration to whichever host is loading an app at that moment.
import Module from 'node:module';
import path from 'node:path';

export type RpcTypedData = {
  string?: string;
  json?: string;
  bytes?: Uint8Array;
  int?: number;
  double?: number;
  http?: Record<string, unknown>;
};

export interface RpcBindingInfo {
  type?: string;
  direction?: 'in' | 'out';
  name?: string;
  [key: string]: unknown;
}

export interface FunctionMetadata {
  name: string;
  bindings: Record<string, RpcBindingInfo>;
  retryOptions?: unknown;
}

export type FunctionCallback = (...args: unknown[]) => unknown;

export interface CoreInvocationContext {
  invocationId: string;
  metadata: FunctionMetadata;
  request: {
    inputData: { name: string; data: RpcTypedData | undefined }[];
    triggerMetadata?: Record<string, RpcTypedData>;
    retryContext?: unknown;
    traceContext?: unknown;
  };
  state?: string;
  log(level: string, category: string, message: string): void;
}

/** What the app's @azure/functions hands us: it turns our core context into arguments and responses. */
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(coreCtx: CoreInvocationContext): InvocationModel;
}

export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
  getResponse(
    context: unknown,
    result: unknown,
  ): Promise<{ returnValue?: RpcTypedData | null; outputData?: { name: string; data: RpcTypedData }[] }>;
}

export interface CoreRegistrar {
  registerFunction(metadata: FunctionMetadata, handler: FunctionCallback): void;
  registerHook(hookName: string, callback: (ctx: unknown) => unknown): void;
  log(level: string, category: string, message: string): void;
}

const MODULE_NAME = '@azure/functions-core';
// A filename nobody else owns: require.cache holds our module object under it.
const VIRTUAL_FILENAME = path.join(path.sep, '__local-host__', 'azure-functions-core.js');

let programmingModel: ProgrammingModel | undefined;
let registrar: CoreRegistrar | undefined;

const coreApi = {
  version: '3.5.1-local-host',
  setProgrammingModel(model: ProgrammingModel): void {
    programmingModel = model;
  },
  getProgrammingModel(): ProgrammingModel | undefined {
    return programmingModel;
  },
  registerFunction(metadata: FunctionMetadata, handler: FunctionCallback) {
    if (!registrar) {
      throw new Error(`Function "${metadata.name}" registered while no local host is loading an app.`);
    }
    registrar.registerFunction(metadata, handler);
    return { dispose: () => undefined };
  },
  registerHook(hookName: string, callback: (ctx: unknown) => unknown) {
    registrar?.registerHook(hookName, callback);
    return { dispose: () => undefined };
  },
  log(level: string, category: string, message: string): void {
    registrar?.log(level, category, message);
  },
  Disposable: class {
    constructor(private readonly fn: () => void) {}
    dispose(): void {
      this.fn();
    }
  },
};

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
let installed = false;

/** Makes `require('@azure/functions-core')` return our module in this process (idempotent). */
export function installFunctionsCore(): void {
  if (installed) return;
  installed = true;
  const mod = new Module(VIRTUAL_FILENAME);
  mod.filename = VIRTUAL_FILENAME;
  mod.loaded = true;
  mod.exports = coreApi;
  const moduleInternals = Module as unknown as {
    _cache: Record<string, unknown>;
    _resolveFilename: ResolveFilename;
  };
  moduleInternals._cache[VIRTUAL_FILENAME] = mod;
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    if (request === MODULE_NAME) return VIRTUAL_FILENAME;
    return original.call(this, request, ...rest);
  };
}

/** Routes registrations, hooks and worker logs to `target` (the host loading or running an app). */
export function setActiveRegistrar(target: CoreRegistrar | undefined): void {
  registrar = target;
}

export function getProgrammingModel(): ProgrammingModel {
  if (!programmingModel) {
    throw new Error('The app did not set a programming model: is it an @azure/functions v4 app?');
  }
  return programmingModel;
}
