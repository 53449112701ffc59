// Which fetch failures mean a blob is gone for good (record a gap, go on) rather than a failure
// to retry. Only the client's 'content-lost' category qualifies; everything else is rethrown.
import type { GapReason } from '@auditflow/ingestion';
import { apiErrorOf } from '../activity-api-port';

export function lostContentReason(error: unknown): GapReason | undefined {
  const apiError = apiErrorOf(error);
  if (!apiError || apiError.category !== 'content-lost') return undefined;
  if (apiError.code === 'AF20051' || apiError.code === 'AF20052' || apiError.statusCode === 404) {
    return 'content-expired';
  }
  // AF20050, a body that is not a JSON array of records, or a blob over AUDITFLOW_MAX_BLOB_BYTES.
  return 'content-invalid';
}
