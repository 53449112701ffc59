// GET /api/health?behindHours=N: collection health per content type (collection-health.ts).
import type { ContentType } from '@auditflow/ingestion';
import { collectionHealth, DEFAULT_BEHIND_HOURS } from './collection-health';
import { badRequest, ok, type HandlerResult } from './handler-result';
import type { InvestigateDeps } from './investigate-deps';
import { ParamReader } from './query-params';

export async function healthHandler(params: URLSearchParams, deps: InvestigateDeps): Promise<HandlerResult> {
  const reader = new ParamReader(params);
  const behindHours = reader.int('behindHours', 1, 24 * 7) ?? DEFAULT_BEHIND_HOURS;
  reader.rejectUnknown();
  if (reader.problems.length > 0) return badRequest(reader.problems);
  return ok(await collectionHealth(deps.store, deps.tenantId, deps.contentTypes as readonly ContentType[], deps.now, behindHours));
}
