// @auditflow/ingestion: the pure domain core (CONTRACTS.md section 1). No I/O, no SDK.
export * from './model';
export { CYCLE_COUNT_KEYS, ZERO_COUNTS, addCounts, type CycleCounts } from './cycle-counts';
export { RETENTION_MARGIN_MS, planWindows, type PlanInput, type WindowPlan } from './window-planning';
export { nextWatermark } from './watermark';
export { blobsToFetch, isSettled } from './content-ledger';
export { countReadFailure, isQuarantineDue, MAX_READ_ERROR_CHARS, type UnreadablePolicy } from './read-failures';
export { blobGap, type BlobIdentity } from './blob-gap';
export { gapId, type GapIdentity } from './gap-id';
export { DEFAULT_MAX_RECORD_BYTES, normalizeRecord, type NormalizeContext } from './normalize-record';
export { normalizeBlob, type NormalizedBlob } from './normalize-blob';
export { documentId } from './document-id';
export { partitionKeyFor, type PartitionKeyInput } from './partition-key';
export { normalizeIp } from './client-ip';
export { normalizeCreationTime } from './creation-time';
export { SECONDS_PER_DAY, ledgerPurgeCutoffMs, ttlSecondsFor } from './retention';
export { RecordRejection, isRecordRejection, type RecordRejectionCode } from './record-rejection';
export { listingFailureAction, type ListingFailureAction, type ListingRecoveries } from './listing-failure';
