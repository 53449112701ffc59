// Starting a singleton or deterministic instance id (the collect cycle, a rerun) races: two
// callers can both see "not running" and both call startNew. The Durable backends refuse the
// second start of a non-terminal instance id (409 OrchestrationAlreadyExists, which
// durable-functions 3.x throws as "unexpected status code: 409"); that loser has nothing to do
// but use the instance the winner started, so it is "joined", not a failure.
import type { DurableClient } from 'durable-functions';

export type StartResult = 'started' | 'joined';

export async function startOrJoin(client: Pick<DurableClient, 'startNew'>, name: string, instanceId: string, input: unknown): Promise<StartResult> {
  try {
    await client.startNew(name, { instanceId, input });
    return 'started';
  } catch (error) {
    if (error instanceof Error && /\b409\b/.test(error.message)) return 'joined';
    throw error;
  }
}
