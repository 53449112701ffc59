// What a failed blob fetch means, decided once from the client's typed error:
// - 'lost': the API says the content is gone or can never be stored (category content-lost):
//   a gap, ledger 'lost', go on;
// - 'unreadable': the blob's own read failed while the API answered: a body that is not JSON, cut
//   off or not gzip, trickling past the timeout, a redirect loop or a redirect to another origin
//   (C2: never followed, never stored). One failed attempt is counted against the blob; enough of
//   them over long enough quarantine it (libs/ingestion read-failures.ts), so one bad blob cannot
//   hold every later window back;
// - 'fail': everything else fails the batch as before: what hits every blob (a missing
//   permission, a refused token or credential, tenant problems: 'fatal') must fail the cycle and
//   never quarantine blobs, and an HTTP status the API chose (5xx, 429) says the API, not the
//   blob, is unwell.
import type { GapReason } from '@auditflow/ingestion';
import { apiErrorOf } from '../shared/management-api-port';

export type BlobFailure =
  | { readonly kind: 'lost'; readonly reason: GapReason; readonly message: string }
  | { readonly kind: 'unreadable'; readonly message: string }
  | { readonly kind: 'fail' };

/** Client codes of a blob's own read failing (no HTTP error status was involved). */
const UNREADABLE_CODES: ReadonlySet<string> = new Set(['InvalidJson', 'ConnectionError', 'RequestTimeout', 'UntrustedRedirect', 'TooManyRedirects']);

export function classifyBlobFailure(error: unknown): BlobFailure {
  const apiError = apiErrorOf(error);
  if (!apiError) return { kind: 'fail' };
  const message = `${apiError.code ?? apiError.category}: ${apiError.message}`;
  if (apiError.category === 'content-lost') return { kind: 'lost', reason: lostReason(apiError.code, apiError.statusCode), message: apiError.message };
  const statusChosenByApi = apiError.statusCode !== undefined && apiError.statusCode >= 400;
  if (apiError.code !== undefined && UNREADABLE_CODES.has(apiError.code) && !statusChosenByApi) return { kind: 'unreadable', message };
  return { kind: 'fail' };
}

function lostReason(code: string | undefined, statusCode: number | undefined): GapReason {
  if (code === 'AF20051') return 'content-expired';
  if (code === 'AF20050' || statusCode === 404) return 'content-missing';
  // AF20052 (the id is refused), a body that is not a JSON array of records, a blob over
  // AUDITFLOW_MAX_BLOB_BYTES: the blob exists but can never be stored.
  return 'content-invalid';
}
