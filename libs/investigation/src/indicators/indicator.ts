// The shape of an indicator rule and the state it works on during one evaluateIndicators call.
import type { EventDocument } from '@auditflow/ingestion';
import type { BaselineView } from '../baseline';
import type { InvestigationContext } from '../context';
import type { EntityRef, Finding, Severity } from '../model';
import type { IndicatorSettings } from '../settings';

export interface IndicatorInfo {
  /** Stable id (`Finding.indicator`), kebab-case. */
  readonly id: string;
  readonly title: string;
  /** The public rule it follows (shared/design/investigation.md). */
  readonly source: string;
}

/** What a rule may do while the events are walked in time order. */
export interface RuleState {
  readonly settings: IndicatorSettings;
  readonly context: InvestigationContext;
  /** The baseline as of this event: the caller's view plus what this call has recorded so far. */
  readonly baseline: BaselineView;
  /** Remembers (kind, subject, value) at `time`, adding `count` (default 1); returns the new entry count. */
  record(kind: string, subject: string, value: string, time: string, count?: number): number;
  emit(finding: FindingDraft): void;
  /** Keeps `doc` under `key` for the rest of this call; returns every doc kept under it (windowed evidence). */
  remember(key: string, doc: EventDocument): readonly EventDocument[];
}

export interface FindingDraft {
  /** Identity of the finding besides tenant and indicator (entities, bucket, or triggering event). */
  readonly identity: readonly string[];
  readonly severity: Severity;
  readonly entities: readonly EntityRef[];
  readonly events: readonly EventDocument[];
  /** Total evidence when more than `events` (windowed counts kept in the baseline). */
  readonly evidenceTotal?: number;
  readonly details: Readonly<Record<string, unknown>>;
  readonly title?: string;
}

export interface IndicatorRule extends IndicatorInfo {
  /** Called once per new event, in time order. */
  onEvent(doc: EventDocument, state: RuleState): void;
}

export function toFinding(rule: IndicatorInfo, draft: FindingDraft, tenantId: string, maxEvidence: number, id: string): Finding {
  const events = [...draft.events].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : 1));
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) throw new TypeError(`a finding of ${rule.id} needs at least one event`);
  return {
    id,
    tenantId,
    indicator: rule.id,
    title: draft.title ?? rule.title,
    severity: draft.severity,
    entities: draft.entities,
    start: first.time,
    end: last.time,
    evidenceIds: events.slice(0, maxEvidence).map((e) => e.id),
    evidenceTotal: Math.max(draft.evidenceTotal ?? 0, events.length),
    source: rule.source,
    details: draft.details,
  };
}

/**
 * Adds `value` to the distinct values of (kind, subject) as of `doc` and keeps `doc` as evidence
 * under `key`: the windowed distinct counts (files per user + IP, users per IP, sources per
 * destination). The count is asked before the record so baselineSubjectsFor sees the subject.
 */
export function addDistinct(
  state: RuleState,
  kind: string,
  subject: string,
  value: string,
  doc: EventDocument,
  key = subject,
): { readonly count: number; readonly events: readonly EventDocument[] } {
  state.baseline.distinctValues(kind, subject);
  state.record(kind, subject, value, doc.time);
  return { count: state.baseline.distinctValues(kind, subject), events: state.remember(key, doc) };
}

/** Emits `draft` with the counted evidence once the count reaches `threshold`. */
export function emitWhenReached(
  state: RuleState,
  counted: { readonly count: number; readonly events: readonly EventDocument[] },
  threshold: number,
  draft: Omit<FindingDraft, 'events' | 'evidenceTotal'>,
): void {
  if (counted.count < threshold) return;
  state.emit({ ...draft, events: counted.events, evidenceTotal: counted.count });
}

/** Start of the fixed bucket of `minutes` that holds `time` (ISO). */
export function bucketStart(time: string, minutes: number): string {
  const ms = minutes * 60_000;
  return new Date(Math.floor(Date.parse(time) / ms) * ms).toISOString();
}

/** ResultStatus of a successful operation (Exchange writes True, Entra Success, others Succeeded; absent = not stated). */
export function succeeded(doc: EventDocument): boolean {
  const r = (doc.result ?? '').toLowerCase();
  return !(r === 'false' || r === 'failed' || r === 'failure' || r === 'partiallysucceeded');
}

export const DAY_MS = 86_400_000;

export function daysBetween(earlier: string, later: string): number {
  return (Date.parse(later) - Date.parse(earlier)) / DAY_MS;
}
