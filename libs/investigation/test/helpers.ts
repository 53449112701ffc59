import type { EventDocument } from '@auditflow/ingestion';
import { EMPTY_BASELINE, evaluateIndicators, type BaselineView, type Finding, type IndicatorSettings, type InvestigationContext } from '../src';
import { TENANT } from './fixtures';

export function run(
  docs: readonly EventDocument[],
  tenantDomains: readonly string[],
  extra: { baseline?: BaselineView; settings?: Partial<IndicatorSettings>; context?: Partial<InvestigationContext>; only?: string[] } = {},
) {
  return evaluateIndicators(docs, extra.baseline ?? EMPTY_BASELINE, extra.settings ?? {}, { tenantId: TENANT, tenantDomains, ...extra.context }, extra.only ? { indicators: extra.only } : {});
}

export function byIndicator(findings: readonly Finding[], indicator: string): Finding[] {
  return findings.filter((f) => f.indicator === indicator);
}

/** A copy of a real record with some fields changed (ids and times to make a series). */
export function variant(record: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  return { ...structuredClone(record), ...changes };
}

export function at(base: string, plusSeconds: number): string {
  return new Date(Date.parse(base.endsWith('Z') ? base : `${base}Z`) + plusSeconds * 1000).toISOString().slice(0, 19);
}
