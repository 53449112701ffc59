// Every activity works for ONE tenant and its configured content types. The Durable management
// API can start any orchestrator with any input, so an activity never trusts the ids it is given:
// a tenant or content type other than the configured ones is refused before any API call or
// store write (another tenant's records stored under a made-up tenant would be forged data).
// A refusal is non-retryable: the same input is refused every time.
import type { AuditflowConfig } from '@auditflow/config';
import { ActivityFailure } from './activity-failure';

type Scope = Pick<AuditflowConfig, 'tenantId' | 'contentTypes'>;

/** Throws a non-retryable ActivityFailure naming every id of `input` outside the configured scope. */
export function checkActivityScope(config: Scope, activity: string, input: unknown): void {
  const problems = scopeProblems(config, input);
  if (problems.length === 0) return;
  throw new ActivityFailure(
    `non-retryable: ${activity} refused its input: ${problems.join('; ')}. This app collects tenant ${config.tenantId} (${config.contentTypes.join(', ')}) only: start collections through the timer or POST /api/rerun`,
    { code: 'OutOfScope', statusCode: 400, category: 'fatal', retryable: false },
  );
}

function scopeProblems(config: Scope, input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return ['the input is not an object'];
  const fields = input as { tenantId?: unknown; contentType?: unknown; contentTypes?: unknown; gaps?: unknown };
  const problems: string[] = [];
  const check = (where: string, value: { tenantId?: unknown; contentType?: unknown; contentTypes?: unknown }) => {
    if (value.tenantId !== config.tenantId) {
      problems.push(
        value.tenantId === undefined ? `${where}names no tenant` : `${where}tenant ${String(value.tenantId)} is not the tenant this app is configured for, ${config.tenantId}`,
      );
    }
    const types = value.contentTypes === undefined ? (value.contentType === undefined ? [] : [value.contentType]) : value.contentTypes;
    if (!Array.isArray(types)) {
      problems.push(`${where}contentTypes is not a list`);
      return;
    }
    for (const type of types) {
      if (!config.contentTypes.includes(type as never)) {
        problems.push(`${where}content type ${String(type)} is not configured (AUDITFLOW_CONTENT_TYPES: ${config.contentTypes.join(', ')})`);
      }
    }
  };
  check('', fields);
  if (fields.gaps !== undefined) {
    if (!Array.isArray(fields.gaps)) problems.push('gaps is not a list');
    else {
      fields.gaps.forEach((gap: unknown, i) => {
        const g = (typeof gap === 'object' && gap !== null ? gap : {}) as { tenantId?: unknown; contentType?: unknown };
        check(`gaps[${i}]: `, g);
        if (g.contentType !== fields.contentType) problems.push(`gaps[${i}]: content type ${String(g.contentType)} is not the activity's ${String(fields.contentType)}`);
      });
    }
  }
  return problems;
}
