// GET /api/health?behindHours=N: collection health per content type (collection-health.ts).
// GET /api/status reads the same `behindHours` with readBehindHours and carries the same health.
import type { ContentType } from '@auditflow/ingestion';
import { collectionHealth, DEFAULT_BEHIND_HOURS } from './collection-health';
import { badRequest, ok, type HandlerResult } from './handler-result';
import type { InvestigateDeps } from './investigate-deps';
import { ParamReader } from './query-params';

/** `behindHours` (1..168, default 6) and no other parameter; else the 400 body naming every problem. */
export function readBehindHours(params: URLSearchParams): { ok: true; hours: number } | { ok: false; body: unknown } {
  const reader = new ParamReader(params);
  const hours = reader.int('behindHours', 1, 24 * 7) ?? DEFAULT_BEHIND_HOURS;
  reader.rejectUnknown();
  if (reader.problems.length > 0) {
    const bad = badRequest(reader.problems);
    return { ok: false, body: 'json' in bad ? bad.json : undefined };
  }
  return { ok: true, hours };
}

export async function healthHandler(params: URLSearchParams, deps: InvestigateDeps): Promise<HandlerResult> {
  const behind = readBehindHours(params);
  if (!behind.ok) return { status: 400, json: behind.body };
  return ok(await collectionHealth(deps.store, deps.tenantId, deps.contentTypes as readonly ContentType[], deps.now, behind.hours));
}
