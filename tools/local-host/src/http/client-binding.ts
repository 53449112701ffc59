// The `durableClient` input binding data the SDK's getClient() expects (OrchestrationClientInputData):
// URL templates pointing at THIS host's management API, carrying the durabletask_extension system
// key (as the extension's own binding data and createCheckStatusResponse payloads do in Azure).
// No rpcBaseUrl, so the client uses these templates (and the key) for every call. These URLs are
// secrets: never log them.
import type { RegisteredFunction } from '../app/app-loader';
import type { RpcTypedData } from '../app/functions-core';

export const INSTANCE_PLACEHOLDER = 'INSTANCEID';

export interface ClientBindingOptions {
  baseUrl: string; // http://127.0.0.1:PORT
  /** The durabletask_extension system key. */
  systemKey: string;
  taskHubName: string;
}

export function managementBase(baseUrl: string): string {
  return `${baseUrl}/runtime/webhooks/durabletask`;
}

/** Management URLs for one instance (or the templates, with the placeholder). */
export function managementUrls(o: ClientBindingOptions, instanceId: string): Record<string, string> {
  const base = managementBase(o.baseUrl);
  const id = instanceId === INSTANCE_PLACEHOLDER ? instanceId : encodeURIComponent(instanceId);
  const q = `taskHub=${encodeURIComponent(o.taskHubName)}&connection=Storage&code=${encodeURIComponent(o.systemKey)}`;
  return {
    id: instanceId,
    statusQueryGetUri: `${base}/instances/${id}?${q}`,
    sendEventPostUri: `${base}/instances/${id}/raiseEvent/{eventName}?${q}`,
    terminatePostUri: `${base}/instances/${id}/terminate?reason={text}&${q}`,
    rewindPostUri: `${base}/instances/${id}/rewind?reason={text}&${q}`,
    purgeHistoryDeleteUri: `${base}/instances/${id}?${q}`,
    restartPostUri: `${base}/instances/${id}/restart?${q}`,
    suspendPostUri: `${base}/instances/${id}/suspend?reason={text}&${q}`,
    resumePostUri: `${base}/instances/${id}/resume?reason={text}&${q}`,
  };
}

export function clientBindingData(o: ClientBindingOptions): Record<string, unknown> {
  const base = managementBase(o.baseUrl);
  const code = `code=${encodeURIComponent(o.systemKey)}`;
  return {
    taskHubName: o.taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${code}`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${code}`,
    },
    managementUrls: managementUrls(o, INSTANCE_PLACEHOLDER),
    baseUrl: base,
    requiredQueryStringParameters: code,
  };
}

/** Input-binding data for every durableClient binding of `fn` (other input bindings get nothing). */
export function extraInputsFor(fn: RegisteredFunction, o: ClientBindingOptions): Record<string, RpcTypedData> {
  const inputs: Record<string, RpcTypedData> = {};
  for (const [name, binding] of Object.entries(fn.metadata.bindings)) {
    if (name === fn.triggerName || binding.direction === 'out') continue;
    if (binding.type === 'durableClient' || binding.type === 'orchestrationClient') {
      inputs[name] = { string: JSON.stringify(clientBindingData(o)) };
    }
  }
  return inputs;
}
