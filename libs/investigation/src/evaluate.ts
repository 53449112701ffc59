// evaluateIndicators (contract C6): new events + the baseline view -> findings + baseline updates.
// Incremental by construction: it reads only the baseline entries of the subjects its events
// touch (baselineSubjectsFor lists them so a store loads exactly those) and never looks at older
// events. Events are walked in time order; what one event teaches the baseline is visible to the
// next one in the same call.
import type { EventDocument } from '@auditflow/ingestion';
import { keyOf, mergeEntry, type BaselineEntry, type BaselineUpdate, type BaselineView } from './baseline';
import { checkContext, type InvestigationContext } from './context';
import { findingId } from './finding-id';
import { INDICATOR_RULES } from './indicators/all';
import { toFinding, type FindingDraft, type IndicatorRule, type RuleState } from './indicators/indicator';
import type { Finding } from './model';
import { resolveSettings, type IndicatorSettings } from './settings';

export interface EvaluationResult {
  /** Findings of these events, one per id (a store merges them into what it holds with mergeFindings). */
  readonly findings: Finding[];
  /** Baseline entries to upsert (already merged with the view's entries). */
  readonly baselineUpdates: BaselineUpdate[];
}

export interface EvaluateOptions {
  /** Only these indicator ids (default all). */
  readonly indicators?: readonly string[];
}

export function evaluateIndicators(
  newEvents: Iterable<EventDocument>,
  baseline: BaselineView,
  settings: Partial<IndicatorSettings> | IndicatorSettings,
  context: InvestigationContext,
  options: EvaluateOptions = {},
): EvaluationResult {
  const s = resolveSettings(settings);
  const ctx = checkContext(context);
  const overlay = new OverlayBaseline(baseline);
  const drafts = new Map<string, { rule: IndicatorRule; draft: FindingDraft; events: Map<string, EventDocument> }>();
  walk(newEvents, overlay, s, ctx, selectRules(options.indicators), (rule, draft) => {
    const id = findingId(ctx.tenantId, rule.id, ...draft.identity);
    const old = drafts.get(id);
    if (!old) {
      drafts.set(id, { rule, draft, events: new Map(draft.events.map((e) => [e.id, e])) });
      return;
    }
    for (const e of draft.events) old.events.set(e.id, e);
    old.draft = mergeDraft(old.draft, draft);
  });
  const findings: Finding[] = [];
  for (const [id, { rule, draft, events: evs }] of drafts) {
    const f = toFinding(rule, { ...draft, events: [...evs.values()] }, ctx.tenantId, s.maxEvidence, id);
    findings.push(f);
  }
  findings.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
  return { findings, baselineUpdates: overlay.updates() };
}

/**
 * The baseline subjects (kind, subject) that evaluating these events reads: load every entry of
 * them into the view passed to evaluateIndicators. Found by a dry run against an empty baseline
 * that records what is asked (the rules ask before they branch on the answer).
 */
export function baselineSubjectsFor(
  newEvents: Iterable<EventDocument>,
  settings: Partial<IndicatorSettings> | IndicatorSettings,
  context: InvestigationContext,
  options: EvaluateOptions = {},
): { kind: string; subject: string }[] {
  // Subjects per kind: asked on every baseline read of every rule, so no key string or object per call.
  const asked = new Map<string, Set<string>>();
  const note = (kind: string, subject: string): void => {
    const subjects = asked.get(kind);
    if (subjects) subjects.add(subject);
    else asked.set(kind, new Set([subject]));
  };
  const recorder: BaselineView = {
    get: (kind, subject) => (note(kind, subject), undefined),
    subjectSince: (kind, subject) => (note(kind, subject), undefined),
    distinctValues: (kind, subject) => (note(kind, subject), 0),
  };
  // The walk alone: what the rules would emit is not needed here, and building findings (an id
  // hash each, evidence merged) against an empty baseline, where everything looks new, cost as
  // much as the evaluation itself.
  const overlay = new OverlayBaseline(recorder);
  walk(newEvents, overlay, resolveSettings(settings), checkContext(context), selectRules(options.indicators), () => undefined);
  for (const u of overlay.updates()) note(u.kind, u.subject);
  return [...asked].flatMap(([kind, subjects]) => [...subjects].map((subject) => ({ kind, subject })));
}

/** The events of the tenant in time order through every rule; `emit` receives what they find. */
function walk(
  newEvents: Iterable<EventDocument>,
  overlay: OverlayBaseline,
  settings: IndicatorSettings,
  context: InvestigationContext,
  rules: readonly IndicatorRule[],
  emit: (rule: IndicatorRule, draft: FindingDraft) => void,
): void {
  const events = [...newEvents].filter((e) => e.tenantId === context.tenantId);
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const rule of rules) {
    const memory = new Map<string, EventDocument[]>();
    const state: RuleState = {
      remember: (key, doc) => {
        const list = memory.get(key);
        if (!list) {
          const fresh = [doc];
          memory.set(key, fresh);
          return fresh;
        }
        if (list[list.length - 1] !== doc) list.push(doc);
        return list;
      },
      settings,
      context,
      baseline: overlay,
      record: (kind, subject, value, time, count) => overlay.record(kind, subject, value, time, count ?? 1),
      emit: (draft) => emit(rule, draft),
    };
    for (const doc of events) rule.onEvent(doc, state);
  }
}

function selectRules(ids: readonly string[] | undefined): IndicatorRule[] {
  if (!ids) return [...INDICATOR_RULES];
  const unknown = ids.filter((id) => !INDICATOR_RULES.some((r) => r.id === id));
  if (unknown.length > 0) throw new TypeError(`unknown indicators: ${unknown.join(', ')} (known: ${INDICATOR_RULES.map((r) => r.id).join(', ')})`);
  return INDICATOR_RULES.filter((r) => ids.includes(r.id));
}

function mergeDraft(a: FindingDraft, b: FindingDraft): FindingDraft {
  const rank = { low: 0, medium: 1, high: 2 } as const;
  const entities = new Map([...a.entities, ...b.entities].map((e) => [e.id, e]));
  return {
    ...b,
    severity: rank[a.severity] >= rank[b.severity] ? a.severity : b.severity,
    entities: [...entities.values()],
    evidenceTotal: Math.max(a.evidenceTotal ?? 0, b.evidenceTotal ?? 0),
    details: { ...a.details, ...b.details },
  };
}

/** The caller's view plus this call's records; `updates()` are the touched entries, merged. */
class OverlayBaseline implements BaselineView {
  private readonly touched = new Map<string, BaselineEntry>();
  private readonly subjects = new Map<string, { since: string; added: number }>();

  constructor(private readonly base: BaselineView) {}

  get(kind: string, subject: string, value: string): BaselineEntry | undefined {
    const base = this.base.get(kind, subject, value);
    return this.touched.get(keyOf(kind, subject, value)) ?? base;
  }

  subjectSince(kind: string, subject: string): string | undefined {
    const base = this.base.subjectSince(kind, subject);
    const mine = this.subjects.get(`${kind}\u0000${subject}`)?.since;
    if (base === undefined) return mine;
    return mine !== undefined && mine < base ? mine : base;
  }

  distinctValues(kind: string, subject: string): number {
    return this.base.distinctValues(kind, subject) + (this.subjects.get(`${kind}\u0000${subject}`)?.added ?? 0);
  }

  record(kind: string, subject: string, value: string, time: string, count: number): number {
    const key = keyOf(kind, subject, value);
    const old = this.get(kind, subject, value);
    const entry: BaselineEntry = old
      ? { ...mergeEntry(old, { kind, subject, value, firstSeen: time, lastSeen: time, count: 0 }), count: old.count + count }
      : { kind, subject, value, firstSeen: time, lastSeen: time, count };
    if (!old) {
      const sk = `${kind}\u0000${subject}`;
      const s = this.subjects.get(sk);
      this.subjects.set(sk, { since: s && s.since < time ? s.since : time, added: (s?.added ?? 0) + 1 });
    }
    this.touched.set(key, entry);
    return entry.count;
  }

  updates(): BaselineEntry[] {
    return [...this.touched.values()];
  }
}
