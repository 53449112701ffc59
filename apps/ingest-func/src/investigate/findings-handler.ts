// GET /api/findings: stored findings (computed as events arrive, never here), newest first,
// filtered by severity, indicator, entity and time; paged with continuationToken.
import { INDICATORS, SEVERITIES } from '@auditflow/investigation';
import { isStorageError, type StoredFinding } from '@auditflow/storage';
import { badRequest, ok, type HandlerResult } from './handler-result';
import type { InvestigateDeps } from './investigate-deps';
import { checkRange, ParamReader } from './query-params';

export interface FindingView extends StoredFinding {
  /** Where to look next: the graph around the finding's first entity, and that entity's page. */
  readonly links: { readonly graph?: string; readonly entity?: string };
}

export async function findingsHandler(params: URLSearchParams, deps: InvestigateDeps): Promise<HandlerResult> {
  const reader = new ParamReader(params);
  const severities = reader.listOf('severity', SEVERITIES);
  const indicators = reader.listOf('indicator', INDICATORS.map((i) => i.id));
  const entity = reader.nodeId('entity');
  const from = reader.time('from');
  const to = reader.time('to');
  checkRange(reader, from, to);
  const limit = reader.int('limit', 1, 1_000);
  const continuationToken = reader.string('continuationToken');
  reader.rejectUnknown();
  if (reader.problems.length > 0) return badRequest(reader.problems);
  try {
    const page = await deps.store.investigation.queryFindings({
      tenantId: deps.tenantId,
      ...(severities ? { severities } : {}),
      ...(indicators ? { indicators } : {}),
      ...(entity ? { entity } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      limit: limit ?? 100,
      ...(continuationToken ? { continuationToken } : {}),
    });
    return ok({ findings: page.findings.map(withLinks), ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) });
  } catch (error) {
    if (isStorageError(error) && error.code === 'InvalidContinuationToken') return badRequest([{ parameter: 'continuationToken', message: error.message }]);
    throw error;
  }
}

export function withLinks(f: StoredFinding): FindingView {
  const first = f.entities[0];
  if (!first) return { ...f, links: {} };
  const id = first.id.startsWith(`${first.kind}:`) ? first.id : `${first.kind}:${first.id}`;
  const key = id.slice(first.kind.length + 1);
  const from = new Date(Date.parse(f.start) - 86_400_000).toISOString();
  const to = new Date(Date.parse(f.end) + 86_400_000).toISOString();
  return {
    ...f,
    links: {
      graph: `/api/graph?center=${encodeURIComponent(id)}&from=${from}&to=${to}`,
      entity: `/api/entities/${encodeURIComponent(first.kind)}/${encodeURIComponent(key)}`,
    },
  };
}
