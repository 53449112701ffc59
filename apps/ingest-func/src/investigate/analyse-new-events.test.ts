// The analysis activity on a real SQLite store: only blobs stored and not yet analysed are read,
// findings are stored once (a second run recomputes nothing), a record stored again in another
// blob is not analysed twice, and the DLP names are cached and refreshed daily.
import { normalizeBlob, type ContentType, type LedgerEntry } from '@auditflow/ingestion';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempStore, silentLog, type TempStore } from '../../test/temp-store';
import { analyseNewEvents, type AnalyseDeps } from './analyse-new-events';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const OTHER = '00000000-1111-2222-3333-444444444444';
const NOW = new Date('2026-11-25T12:00:00.000Z');

function mfaOff(id: string, minute: number, tenantId = TENANT) {
  return {
    Id: id,
    CreationTime: `2026-11-25T09:${String(minute).padStart(2, '0')}:00`,
    Operation: 'Disable Strong Authentication.',
    OrganizationId: tenantId,
    RecordType: 8,
    ResultStatus: 'Success',
    UserKey: '10032001@contoso.com',
    UserType: 0,
    Workload: 'AzureActiveDirectory',
    ClientIP: '198.51.100.23',
    ObjectId: 'victim@contoso.com',
    UserId: 'mallory@contoso.com',
  };
}

let temp: TempStore;
beforeEach(() => {
  temp = openTempStore();
});
afterEach(async () => temp.dispose());

async function storeBlob(contentId: string, records: object[], tenantId = TENANT, contentType: ContentType = 'Audit.AzureActiveDirectory'): Promise<void> {
  const { documents } = normalizeBlob(records, { tenantId, contentType, contentId, retentionDays: 90 });
  await temp.store.events.upsertEvents(documents);
  const entry: LedgerEntry = {
    tenantId,
    contentType,
    contentId,
    contentUri: `https://manage.office.com/api/v1.0/${tenantId}/activity/feed/audit/${contentId}`,
    contentCreated: '2026-11-25T10:00:00.000Z',
    contentExpiration: '2026-12-02T10:00:00.000Z',
    state: 'stored',
    recordCount: records.length,
    updatedAt: '2026-11-25T10:05:00.000Z',
  };
  await temp.store.checkpoints.putLedgerEntries([entry]);
}

function deps(over: Partial<AnalyseDeps> = {}): AnalyseDeps {
  return { store: temp.store, now: () => NOW, log: silentLog, ...over };
}
const input = { tenantId: TENANT, contentTypes: ['Audit.AzureActiveDirectory'] as ContentType[] };

describe('analyseNewEvents', () => {
  it('finds what the new blobs show, stores it, and recomputes nothing on the next run', async () => {
    await storeBlob('blob-1', [mfaOff('e1', 1), mfaOff('e2', 2)]);
    await storeBlob('blob-x', [mfaOff('x1', 1, OTHER)], OTHER);
    const first = await analyseNewEvents(deps(), input);
    expect(first).toMatchObject({ blobs: 1, events: 2, findings: 2, newFindings: 2, more: false });
    const { findings } = await temp.store.investigation.queryFindings({ tenantId: TENANT });
    expect(findings.map((f) => f.indicator)).toEqual(['mfa-disabled', 'mfa-disabled']);
    expect(findings[0]).toMatchObject({ evidenceIds: ['e2'], firstDetectedAt: NOW.toISOString() });
    expect((await temp.store.investigation.queryFindings({ tenantId: OTHER })).findings).toEqual([]);

    const second = await analyseNewEvents(deps({ now: () => new Date(NOW.getTime() + 60_000) }), input);
    expect(second).toMatchObject({ blobs: 0, events: 0, findings: 0, more: false });
    const again = await temp.store.investigation.queryFindings({ tenantId: TENANT });
    expect(again.findings.map((f) => f.updatedAt)).toEqual([NOW.toISOString(), NOW.toISOString()]);
  });

  it('analyses a record stored again in a later blob only once', async () => {
    await storeBlob('blob-1', [mfaOff('e1', 1)]);
    await analyseNewEvents(deps(), input);
    await storeBlob('blob-2', [mfaOff('e1', 1), mfaOff('e3', 3)]);
    const r = await analyseNewEvents(deps(), input);
    expect(r).toMatchObject({ blobs: 1, events: 1, newFindings: 1 });
  });

  it('takes whole blobs up to the event budget and says more is left', async () => {
    await storeBlob('blob-1', [mfaOff('e1', 1), mfaOff('e2', 2)]);
    await storeBlob('blob-2', [mfaOff('e3', 3)]);
    const r = await analyseNewEvents(deps(), { ...input, maxEvents: 2 });
    expect(r).toMatchObject({ blobs: 1, events: 2, more: true });
    expect(await analyseNewEvents(deps(), { ...input, maxEvents: 2 })).toMatchObject({ blobs: 1, events: 1, more: false });
  });

  it('caches the DLP sensitive-type names, refreshes them daily and keeps them when a refresh fails', async () => {
    let calls = 0;
    let fail = false;
    const api = {
      listDlpSensitiveTypes: async () => {
        calls += 1;
        if (fail) throw new Error('API down');
        return [{ Id: '50842EB7-EDC8-4019-85DD-5A5C1F2BB085', Name: 'Credit Card Number' }, { junk: true }];
      },
    };
    expect((await analyseNewEvents(deps({ api }), input)).dlpTypes).toBe('refreshed');
    expect((await analyseNewEvents(deps({ api, now: () => new Date(NOW.getTime() + 3_600_000) }), input)).dlpTypes).toBe('fresh');
    expect(calls).toBe(1);
    fail = true;
    const later = () => new Date(NOW.getTime() + 25 * 3_600_000);
    expect((await analyseNewEvents(deps({ api, now: later }), input)).dlpTypes).toBe('stale');
    expect(calls).toBe(2);
    const cached = await temp.store.investigation.getReference(TENANT, 'dlpSensitiveTypes');
    expect(cached?.value).toEqual([{ id: '50842eb7-edc8-4019-85dd-5a5c1f2bb085', name: 'Credit Card Number' }]);
  });
});
