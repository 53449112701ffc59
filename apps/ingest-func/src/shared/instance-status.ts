// Reading an instance's status through the Durable client. durable-functions 3.x THROWS on 404
// (unknown instance) instead of returning undefined: this wrapper turns exactly that into
// undefined and lets every other failure through.
import type { DurableClient, DurableOrchestrationStatus } from 'durable-functions';

/** States in which an instance still runs: the singleton must not be started again. */
export const ACTIVE_RUNTIME_STATUSES: readonly string[] = ['Running', 'Pending', 'ContinuedAsNew', 'Suspended'];

export async function getInstanceStatus(
  client: Pick<DurableClient, 'getStatus'>,
  instanceId: string,
): Promise<DurableOrchestrationStatus | undefined> {
  try {
    return await client.getStatus(instanceId);
  } catch (error) {
    if (error instanceof Error && /\b404\b/.test(error.message)) return undefined;
    throw error;
  }
}

export function isActive(status: { readonly runtimeStatus: DurableOrchestrationStatus['runtimeStatus'] | string } | undefined): boolean {
  return status !== undefined && ACTIVE_RUNTIME_STATUSES.includes(String(status.runtimeStatus));
}
