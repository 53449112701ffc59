// What one window's collection (collect/window-orchestrator.ts) receives and returns: ids, the
// window, the page to list next and counts, never records. continueAsNew passes the input on
// with the next page and the counts so far; the content type's run gets the output once, when
// the window's last page was stored.
import { CONTENT_TYPES, isContentType, type CollectionWindow, type ContentType } from '@auditflow/ingestion';
import { isObject, show, windowProblems } from './input-validation';
import type { CycleCounts } from '@auditflow/ingestion';

export interface WindowRunInput {
  readonly tenantId: string;
  readonly contentType: ContentType;
  readonly window: CollectionWindow;
  /** Rerun: fetch blobs again even when the ledger has them stored. */
  readonly force: boolean;
  /** Blobs per storeContent activity (AUDITFLOW_BLOB_BATCH_SIZE). */
  readonly blobBatchSize: number;
  /** The page this execution lists first; absent: the window's first page. */
  readonly nextPageUri?: string;
  /** The listing already restarted from the window's first page once (a second refusal fails the window). */
  readonly relisted: boolean;
  /** Counts of this window's earlier executions (windows stays 0: the content type's run counts windows). */
  readonly counts: CycleCounts;
  /** 1 for the first execution, +1 per continueAsNew. */
  readonly execution: number;
}

export interface WindowRunOutput {
  /** What this window listed and stored, also when it failed part-way (windows is 0). */
  readonly counts: CycleCounts;
  /** The subscription was found disabled while listing (AF20023). */
  readonly disabled?: string;
  /** An activity failed after its retries, or a non-retryable failure: the watermark must not pass this window. */
  readonly failed?: string;
}

export function windowRunInputProblems(input: unknown): string[] {
  if (!isObject(input)) return ['the input is not an object'];
  const problems: string[] = [];
  if (typeof input.tenantId !== 'string' || input.tenantId.trim() === '') problems.push(`tenantId must be a non-empty string, got ${show(input.tenantId)}`);
  if (!isContentType(input.contentType)) problems.push(`contentType must be one of ${CONTENT_TYPES.join(', ')}, got ${show(input.contentType)}`);
  problems.push(...windowProblems(input.window));
  if (typeof input.force !== 'boolean') problems.push(`force must be true or false, got ${show(input.force)}`);
  if (!Number.isInteger(input.blobBatchSize) || (input.blobBatchSize as number) < 1 || (input.blobBatchSize as number) > 100) {
    problems.push(`blobBatchSize must be a whole number from 1 to 100, got ${show(input.blobBatchSize)}`);
  }
  if (input.nextPageUri !== undefined && (typeof input.nextPageUri !== 'string' || input.nextPageUri === '')) problems.push(`nextPageUri must be a non-empty string when present, got ${show(input.nextPageUri)}`);
  if (typeof input.relisted !== 'boolean') problems.push(`relisted must be true or false, got ${show(input.relisted)}`);
  if (!isObject(input.counts) || !Object.values(input.counts).every((n) => Number.isInteger(n) && (n as number) >= 0)) {
    problems.push('counts must be an object of whole numbers >= 0');
  }
  if (!Number.isInteger(input.execution) || (input.execution as number) < 1) problems.push(`execution must be a whole number >= 1, got ${show(input.execution)}`);
  return problems;
}
