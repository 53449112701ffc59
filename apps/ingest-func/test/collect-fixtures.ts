// The collect workflow's test inputs, shared by the orchestrator tests: one tenant, one clock, the
// settings, a content-type run's input, a blob reference and a storeContent result.
import { ZERO_COUNTS } from '@auditflow/ingestion';
import type { CollectSettings } from '../src/collect/collect-settings';
import type { ContentTypeRunInput } from '../src/collect/orchestration-input';
import type { StoreContentResult } from '../src/collect/store-content';
import type { BlobRef } from '../src/shared/activity-deps';

export const TEST_TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
export const TEST_NOW = new Date('2026-11-25T12:00:00.000Z');

export function collectSettings(extra: Partial<CollectSettings> = {}): CollectSettings {
  return {
    tenantId: TEST_TENANT,
    contentTypes: ['Audit.Exchange'],
    firstRunLookbackHours: 168,
    relistOverlapMinutes: 60,
    safetyLagMinutes: 5,
    blobBatchSize: 2,
    maxWindowsPerExecution: 2,
    ...extra,
  };
}

/** An Audit.Exchange collect run as the collect orchestrator starts it at TEST_NOW. */
export function contentTypeRunInput(settings: CollectSettings, extra: Partial<ContentTypeRunInput> = {}): ContentTypeRunInput {
  return {
    settings,
    contentType: 'Audit.Exchange',
    mode: 'collect',
    parentInstanceId: `collect-${settings.tenantId}`,
    startedAt: TEST_NOW.toISOString(),
    subscription: 'enabled',
    counts: ZERO_COUNTS,
    execution: 1,
    ...extra,
  };
}

export const blobRef = (id: string): BlobRef => ({ contentId: id, contentUri: `u/${id}` });

/** storeContent's result when every one of `blobs` blobs stored `recordsPerBlob` records. */
export function storedResult(blobs: number, recordsPerBlob: number): StoreContentResult {
  const records = blobs * recordsPerBlob;
  return { blobsStored: blobs, blobsLost: 0, blobsSettledEarlier: 0, blobsUnreadable: 0, blobsQuarantined: 0, recordsFetched: records, recordsStored: records, recordsRejected: 0, gaps: 0 };
}
