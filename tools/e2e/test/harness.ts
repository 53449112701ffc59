// Drives the real thing for end-to-end tests: the built Functions app inside the local host as a
// CHILD process (so it can be SIGKILLed), the simulated tenant in this process, the SQLite store
// read through a second connection.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContentType } from '@auditflow/ingestion';
import type { RunningSimulator } from '@auditflow/o365-simulator';
import { simulatorSettings } from '@auditflow/demo';
import { openSqliteStore } from '@auditflow/storage';

export { freePort, getInstance, management, repoRoot, sleep, startHostProcess, waitFor, type HostProcess, type InstanceStatus } from '../src/host-process';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `auditflow-${prefix}-`));
}

/** The app's settings for a collection from the simulator into SQLite under `dir` (as `npm start` uses). */
export function appSettings(sim: RunningSimulator, dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { ...simulatorSettings(sim, dir, '*/2 * * * * *'), ...extra };
}

export function openStore(dir: string) {
  return openSqliteStore({ path: join(dir, 'auditflow.db') });
}

export interface TruthComparison {
  readonly contentType: ContentType;
  readonly expected: number;
  readonly stored: number;
  readonly missing: string[];
  readonly unexpected: string[];
}

/**
 * Every id the simulator published in blobs created before the watermark must be stored; no id
 * may be stored that the simulator never published (collectable or not).
 */
export async function compareWithTruth(
  sim: RunningSimulator,
  store: ReturnType<typeof openSqliteStore>,
  tenantId: string,
  contentType: ContentType,
): Promise<TruthComparison> {
  const watermark = await store.checkpoints.getWatermark(tenantId, contentType);
  const expected = watermark ? sim.groundTruth({ contentType, to: new Date(watermark.value) }).ids : new Set<string>();
  const everything = sim.groundTruth({ contentType });
  const stored = new Set<string>();
  for await (const id of store.events.listEventIds(tenantId, contentType)) stored.add(id);
  return {
    contentType,
    expected: expected.size,
    stored: stored.size,
    missing: [...expected].filter((id) => !stored.has(id)),
    unexpected: [...stored].filter((id) => !everything.ids.has(id)),
  };
}
