// A stand-in for the durable client binding of the HTTP functions: getStatus as given, startNew
// recorded, createCheckStatusResponse a plain 202. Over real sockets the local host's real binding
// is used (tools/e2e).
import type { DurableClient } from 'durable-functions';

/** What durable-functions 3.x throws for an unknown instance id. */
export const NOT_FOUND = new Error('DurableClient error: Durable Functions extension replied with HTTP 404 response.');

export function fakeDurableClient(status: () => Promise<unknown>) {
  const started: { name: string; options: { instanceId: string; input: unknown } }[] = [];
  const client = {
    getStatus: status,
    startNew: async (name: string, options: { instanceId: string; input: unknown }) => {
      started.push({ name, options });
      return options.instanceId;
    },
    createCheckStatusResponse: (_request: unknown, instanceId: string) => ({ status: 202, jsonBody: { id: instanceId, statusQueryGetUri: `http://h/${instanceId}` } }),
  } as unknown as Pick<DurableClient, 'getStatus' | 'startNew' | 'createCheckStatusResponse'>;
  return { client, started };
}
