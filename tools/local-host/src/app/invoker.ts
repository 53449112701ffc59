// Invokes a registered function exactly as the worker does: the app's own programming model
// builds InvocationContext/HttpRequest from RPC-shaped input data and converts the result back.
import { randomUUID } from 'node:crypto';
import { getProgrammingModel, type RpcTypedData } from './functions-core';
import type { RegisteredFunction } from './app-loader';

export interface InvokeOptions {
  /** Trigger payload, already RPC-typed. */
  trigger: RpcTypedData | undefined;
  /** Extra input bindings by binding name. */
  extraInputs?: Record<string, RpcTypedData>;
  log: (level: string, message: string, fields?: Record<string, unknown>) => void;
  /** Called with the InvocationContext after the handler ran (orchestrators read context.df). */
  onContext?: (context: unknown) => void;
}

export interface InvokeResult {
  returnValue: RpcTypedData | null | undefined;
}

export async function invokeFunction(fn: RegisteredFunction, options: InvokeOptions): Promise<InvokeResult> {
  const invocationId = randomUUID();
  const inputData: { name: string; data: RpcTypedData | undefined }[] = [
    { name: fn.triggerName, data: options.trigger },
  ];
  for (const [name, data] of Object.entries(options.extraInputs ?? {})) inputData.push({ name, data });
  const coreCtx = {
    invocationId,
    metadata: fn.metadata,
    request: { inputData, triggerMetadata: {} },
    state: 'invocation',
    log(level: string, category: string, message: string) {
      options.log(mapLevel(level), message, { function: fn.name, invocationId, category });
    },
  };
  const model = getProgrammingModel().getInvocationModel(coreCtx);
  const { context, inputs } = await model.getArguments();
  try {
    const result = await model.invokeFunction(context, inputs, fn.handler);
    const response = await model.getResponse(context, result);
    return { returnValue: response.returnValue };
  } finally {
    options.onContext?.(context);
  }
}

function mapLevel(level: string): string {
  switch (level) {
    case 'error':
    case 'critical':
      return 'error';
    case 'warning':
      return 'warn';
    case 'information':
      return 'info';
    default:
      return 'debug';
  }
}

/** Decodes a typed return value into a plain JS value (as the Durable extension deserializes it). */
export function decodeTypedData(data: RpcTypedData | null | undefined): unknown {
  if (data === null || data === undefined) return undefined;
  if (data.json !== undefined) return JSON.parse(data.json);
  if (data.string !== undefined) return data.string;
  if (data.int !== undefined) return Number(data.int);
  if (data.double !== undefined) return Number(data.double);
  if (data.bytes !== undefined) return Buffer.from(data.bytes).toString('base64');
  return undefined;
}
