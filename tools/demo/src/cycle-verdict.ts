// Whether a collection cycle is a success, from the collect orchestration's output: only when it
// completed and EVERY content type was collected. A content type that is not subscribed, disabled,
// incomplete or failed is never a success: `npm start` exits non-zero and says why.
import type { CollectOutput } from '@auditflow/ingest-func';

export interface CycleVerdict {
  readonly ok: boolean;
  /** One line per content type that was not collected, with its outcome and reason. */
  readonly problems: string[];
}

function isCollectOutput(value: unknown): value is CollectOutput {
  return typeof value === 'object' && value !== null && Array.isArray((value as CollectOutput).contentTypes);
}

export function cycleVerdict(runtimeStatus: string | undefined, output: unknown): CycleVerdict {
  if (runtimeStatus !== 'Completed') {
    return { ok: false, problems: [`the collection ${runtimeStatus ?? 'never started'}${output === undefined ? '' : `: ${JSON.stringify(output)}`}`] };
  }
  if (!isCollectOutput(output)) return { ok: false, problems: [`the collection completed without an output naming its content types: ${JSON.stringify(output)}`] };
  if (output.contentTypes.length === 0) return { ok: false, problems: ['the collection completed with no content type collected'] };
  const problems = output.contentTypes
    .filter((ct) => ct.outcome !== 'collected')
    .map((ct) => `${ct.contentType} is not collecting: ${ct.outcome}${ct.detail ? ` (${ct.detail})` : ''}`);
  return { ok: problems.length === 0, problems };
}
