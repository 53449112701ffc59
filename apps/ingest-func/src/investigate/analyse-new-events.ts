// The analysis activity: once per collection cycle, the indicators over the events of the blobs
// stored since the last run, and only those. "New" is read from the ledger (blobs `stored`)
// minus the blobs already marked analysed, so a crash or a retry re-analyses at most one batch
// (finding ids are deterministic and merged, baseline entries merge by min/max) and an event
// stored twice in two blobs is analysed once (its document keeps the first blob's contentId).
// Returns counts only; the orchestrator calls it again while `more` is true.
import { CONTENT_TYPES, type ContentType, type EventDocument, type LedgerEntry } from '@auditflow/ingestion';
import {
  baselineFromEntries,
  baselineSubjectsFor,
  evaluateIndicators,
  mergeFindings,
  resolveSettings,
  type Finding,
  type IndicatorSettings,
} from '@auditflow/investigation';
import type { AuditStore, StoredFinding } from '@auditflow/storage';
import type { Logger } from '../shared/activity-deps';
import { refreshDlpSensitiveTypes, type DlpRefreshResult, type DlpTypesSource } from './dlp-sensitive-types';
import { learnTenantDomains, loadTenantContext } from './tenant-context';

export interface AnalyseNewEventsInput {
  readonly tenantId: string;
  readonly contentTypes: readonly ContentType[];
  /** Events analysed by one call at most (whole blobs: a blob larger than this is analysed alone). */
  readonly maxEvents?: number;
}

export interface AnalyseNewEventsResult {
  readonly blobs: number;
  readonly events: number;
  readonly findings: number;
  readonly newFindings: number;
  readonly baselineUpdates: number;
  /** Blobs stored but not analysed yet (the next call takes them). */
  readonly more: boolean;
  readonly dlpTypes: DlpRefreshResult['state'];
}

export interface AnalyseDeps {
  readonly store: AuditStore;
  readonly api?: DlpTypesSource;
  readonly now: () => Date;
  readonly log: Logger;
  readonly settings?: Partial<IndicatorSettings>;
  /** Where an IP is (AUDITFLOW_IP_COUNTRY_FILE); without it "new country" uses only countries records state. */
  readonly countryOf?: (ip: string) => string | undefined;
}

export const DEFAULT_MAX_EVENTS = 50_000;
/** Events evaluated together (whole blobs): bounds the time the event loop is held. */
export const BATCH_EVENTS = 2_000;
/** Baselines and analysed markers are kept this long after they were last touched. */
export const BASELINE_KEEP_DAYS = 30;
const ID_CHUNK = 500;
const PAGE = 2_000;

export async function analyseNewEvents(deps: AnalyseDeps, input: AnalyseNewEventsInput): Promise<AnalyseNewEventsResult> {
  const { store, log } = deps;
  const { tenantId } = input;
  const maxEvents = input.maxEvents ?? DEFAULT_MAX_EVENTS;
  const types = input.contentTypes.filter((ct) => (CONTENT_TYPES as readonly string[]).includes(ct));
  const now = deps.now();
  const at = now.toISOString();
  const dlp = await refreshDlpSensitiveTypes({ investigation: store.investigation, api: deps.api, now, log }, tenantId);
  const settings = resolveSettings(deps.settings ?? {});

  const pending = await pendingBlobs(store, tenantId, types);
  const total = { blobs: 0, events: 0, findings: 0, newFindings: 0, baselineUpdates: 0 };
  let next = 0;
  while (next < pending.length && total.events < maxEvents) {
    // Small batches, with a turn of the event loop between them: the store is synchronous on
    // SQLite, and a host that cannot answer HTTP for seconds drops its clients' connections.
    const batch = takeBatch(pending, next, Math.min(BATCH_EVENTS, maxEvents - total.events));
    next += batch.length;
    const events: EventDocument[] = [];
    for (const entry of batch) {
      events.push(...(await blobEvents(store, tenantId, entry.contentId)));
      await yieldToEventLoop();
    }
    if (events.length > 0) {
      const r = await analyseBatch(store, tenantId, events, settings, at, deps.countryOf);
      total.findings += r.findings;
      total.newFindings += r.created;
      total.baselineUpdates += r.updates;
    }
    // Marked last: a failure before this point re-analyses the same blobs next time.
    for (const ct of types) {
      const ids = batch.filter((b) => b.contentType === ct).map((b) => b.contentId);
      if (ids.length > 0) await store.investigation.markAnalysed(tenantId, ct, ids, at);
    }
    total.blobs += batch.length;
    total.events += events.length;
    await yieldToEventLoop();
  }
  const more = next < pending.length;
  if (!more) await store.investigation.purgeInvestigation(tenantId, new Date(now.getTime() - BASELINE_KEEP_DAYS * 86_400_000).toISOString());
  log.info('analysed new events', { tenantId, ...total, more });
  return { ...total, more, dlpTypes: dlp.state };
}

/** Whole blobs from `start` up to `budget` events (at least one blob). */
function takeBatch(pending: readonly LedgerEntry[], start: number, budget: number): LedgerEntry[] {
  const batch: LedgerEntry[] = [];
  let size = 0;
  for (let i = start; i < pending.length; i++) {
    const entry = pending[i] as LedgerEntry;
    const n = entry.recordCount ?? 0;
    if (batch.length > 0 && size + n > budget) break;
    batch.push(entry);
    size += n;
  }
  return batch;
}

async function analyseBatch(
  store: AuditStore,
  tenantId: string,
  events: readonly EventDocument[],
  settings: IndicatorSettings,
  at: string,
  countryOf: AnalyseDeps['countryOf'],
) {
  const tenantDomains = await learnTenantDomains(store.investigation, tenantId, events, at);
  const context = { ...(await loadTenantContext(store.investigation, tenantId)), tenantDomains, ...(countryOf ? { countryOf } : {}) };
  const subjects = baselineSubjectsFor(events, settings, context);
  const entries = await store.investigation.getBaselines(tenantId, subjects);
  const view = baselineFromEntries(entries.map(({ tenantId: _t, ...e }) => e));
  await yieldToEventLoop();
  const result = evaluateIndicators(events, view, settings, context);
  const merged = await mergeWithStored(store, tenantId, result.findings, settings.maxEvidence);
  await store.investigation.putFindings(merged.findings as readonly StoredFinding[], at);
  await store.investigation.putBaselines(result.baselineUpdates.map((u) => ({ ...u, tenantId })));
  return { findings: merged.findings.length, created: merged.created, updates: result.baselineUpdates.length };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Blobs stored and not analysed yet, oldest first, across the content types. */
async function pendingBlobs(store: AuditStore, tenantId: string, types: readonly ContentType[]): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  for (const ct of types) {
    const stored = await store.checkpoints.listLedger(tenantId, ct, { state: 'stored' });
    for (let i = 0; i < stored.length; i += ID_CHUNK) {
      const chunk = stored.slice(i, i + ID_CHUNK);
      const done = await store.investigation.analysedBlobs(tenantId, ct, chunk.map((e) => e.contentId));
      out.push(...chunk.filter((e) => !done.has(e.contentId)));
    }
  }
  return out.sort((a, b) => (a.contentCreated < b.contentCreated ? -1 : a.contentCreated > b.contentCreated ? 1 : 0));
}

async function blobEvents(store: AuditStore, tenantId: string, contentId: string): Promise<EventDocument[]> {
  const out: EventDocument[] = [];
  let token: string | undefined;
  do {
    const page = await store.events.pageEvents({ tenantId, contentId, includeRaw: true, limit: PAGE, ...(token ? { continuationToken: token } : {}) });
    out.push(...page.events);
    token = page.continuationToken;
  } while (token !== undefined);
  return out;
}

async function mergeWithStored(
  store: AuditStore,
  tenantId: string,
  found: readonly Finding[],
  maxEvidence: number,
): Promise<{ findings: Finding[]; created: number }> {
  let created = 0;
  const findings: Finding[] = [];
  for (const f of found) {
    const old = await store.investigation.getFinding(tenantId, f.id);
    if (old === undefined) created += 1;
    findings.push(old === undefined ? f : mergeFindings(old as unknown as Finding, f, maxEvidence));
  }
  return { findings, created };
}
