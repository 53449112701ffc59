// DLP sensitive-information type names (GUID -> name) from the API's resources/dlpSensitiveTypes,
// cached in the store and refreshed once a day, so DLP findings and graph labels show names. A
// failed refresh keeps the cached names (and says so); with none cached, GUIDs are shown.
import type { InvestigationStore } from '@auditflow/storage';
import type { Logger } from '../shared/activity-deps';

export const DLP_TYPES_REFERENCE = 'dlpSensitiveTypes';
export const DLP_REFRESH_MS = 24 * 3_600_000;

export interface DlpTypesSource {
  listDlpSensitiveTypes(): Promise<unknown[]>;
}

export interface DlpRefreshResult {
  readonly state: 'fresh' | 'refreshed' | 'stale' | 'missing';
  readonly count: number;
  readonly fetchedAt?: string;
  readonly error?: string;
}

export interface SensitiveType {
  readonly id: string;
  readonly name: string;
}

/** The API answers objects with Id/Name (any case); anything else is left out, never guessed. */
export function toSensitiveTypes(list: readonly unknown[]): SensitiveType[] {
  const out: SensitiveType[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const entries = Object.entries(item as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v] as const);
    const get = (...names: string[]) => entries.find(([k]) => names.includes(k))?.[1];
    const id = get('id', 'guid');
    const name = get('name', 'displayname');
    if (typeof id === 'string' && typeof name === 'string' && id !== '' && name !== '') out.push({ id: id.toLowerCase(), name });
  }
  return out;
}

export function sensitiveTypeLookup(value: unknown): ((guid: string) => string | undefined) | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = new Map(toSensitiveTypes(value).map((t) => [t.id, t.name]));
  return (guid) => names.get(guid.toLowerCase());
}

export async function refreshDlpSensitiveTypes(
  deps: { readonly investigation: InvestigationStore; readonly api?: DlpTypesSource; readonly now: Date; readonly log: Logger },
  tenantId: string,
): Promise<DlpRefreshResult> {
  const cached = await deps.investigation.getReference(tenantId, DLP_TYPES_REFERENCE);
  const cachedCount = Array.isArray(cached?.value) ? (cached.value as unknown[]).length : 0;
  if (cached !== undefined && deps.now.getTime() - Date.parse(cached.fetchedAt) < DLP_REFRESH_MS) {
    return { state: 'fresh', count: cachedCount, fetchedAt: cached.fetchedAt };
  }
  if (deps.api === undefined) return { state: cached === undefined ? 'missing' : 'stale', count: cachedCount, ...(cached ? { fetchedAt: cached.fetchedAt } : {}) };
  try {
    const types = toSensitiveTypes(await deps.api.listDlpSensitiveTypes());
    const fetchedAt = deps.now.toISOString();
    await deps.investigation.putReference({ tenantId, name: DLP_TYPES_REFERENCE, fetchedAt, value: types });
    return { state: 'refreshed', count: types.length, fetchedAt };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.warn('DLP sensitive-type names not refreshed; keeping the cached ones', { message, cached: cachedCount });
    return { state: cached === undefined ? 'missing' : 'stale', count: cachedCount, error: message, ...(cached ? { fetchedAt: cached.fetchedAt } : {}) };
  }
}
