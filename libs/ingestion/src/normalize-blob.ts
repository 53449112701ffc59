// All records of one content blob. A bad record is reported with its position and reason and the
// others are stored: one malformed record never costs its neighbours. Records repeated inside the
// blob (the API does repeat Ids) become one document, the first one.
import type { EventDocument, RejectedRecord } from './model';
import { checkNormalizeContext, normalizeChecked, type NormalizeContext } from './normalize-record';
import { RecordRejection, isRecordRejection } from './record-rejection';

export interface NormalizedBlob {
  readonly documents: EventDocument[];
  readonly rejected: RejectedRecord[];
}

export function normalizeBlob(records: readonly unknown[], ctx: NormalizeContext): NormalizedBlob {
  if (!Array.isArray(records)) throw new TypeError('records must be the array of records of one blob');
  const checked = checkNormalizeContext(ctx);
  const byId = new Map<string, EventDocument>();
  const rejected: RejectedRecord[] = [];
  records.forEach((record: unknown, index) => {
    try {
      const doc = normalizeChecked(record, checked);
      if (!byId.has(doc.id)) byId.set(doc.id, doc);
    } catch (error) {
      // Anything else is a defect of the normalizer: still one record's problem, reported as such.
      const rejection = isRecordRejection(error)
        ? error
        : new RecordRejection('unexpected', error instanceof Error ? error.message : String(error));
      rejected.push({ contentType: checked.contentType, contentId: checked.contentId, index, reason: rejection.reason });
    }
  });
  return { documents: [...byId.values()], rejected };
}
