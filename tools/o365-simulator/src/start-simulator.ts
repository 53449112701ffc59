// startSimulator (CONTRACTS.md section 3): the token authority (https) and the Management Activity
// API (http) on loopback, serving a deterministic tenant published in real time on its own clock.
import type { ContentType } from '@auditflow/ingestion';
import { startApiServer } from './api-server';
import { BlobCatalog, DAY_MS } from './blob-catalog';
import { BlobFaultPlan } from './blob-faults';
import { HOUR_MS } from './content-id';
import { computeGroundTruth, type GroundTruth } from './ground-truth';
import { OffsetClock, type SimulatorClock } from './simulator-clock';
import { DEFAULT_MANAGED_IDENTITY_PRINCIPAL_ID, resolveFaults, resolveOptions, type SimulatorOptions } from './simulator-options';
import type { StoryTruth } from './stories';
import { buildTenant } from './tenant-data';
import { Subscriptions } from './subscriptions';
import { AssertionSigner, startManagedIdentityEndpoint, type ManagedIdentityInfo } from './managed-identity';
import { startSecondOrigin, type SecondOrigin } from './second-origin';
import { startAuthority } from './token-authority';
import { TokenStore } from './token-store';

export interface SimulatorStats {
  requests: number;
  throttled: number;
  byStatus: Record<number, number>;
}

export interface RunningSimulator {
  /** API root, http://127.0.0.1:PORT (AUDITFLOW_API_BASE_URL). */
  readonly url: string;
  /** Token authority, https://127.0.0.1:PORT2 (MSAL requires https). */
  readonly authorityHost: string;
  /** The self-signed certificate of authorityHost (AUDITFLOW_AUTHORITY_CA_PATH). */
  readonly authorityCaPem: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** An App Service style managed-identity endpoint (IDENTITY_ENDPOINT/IDENTITY_HEADER) of the identity the app registration trusts. */
  readonly managedIdentity: ManagedIdentityInfo;
  /** The tenant's "now": real time + offset; advance(ms) jumps it. */
  readonly clock: SimulatorClock;
  groundTruth(filter?: { contentType?: ContentType; from?: Date; to?: Date }): GroundTruth;
  /** The attack stories seeded (option `stories`): which findings must fire, on which entities and events; [] when off. */
  storyGroundTruth(): readonly StoryTruth[];
  stats(): SimulatorStats;
  /** The blobs the adversarial faults picked (content ids), for tests to aim at. */
  faultyBlobs(): { unreadable: string[]; redirected: string[] };
  /** The second origin of the redirect faults (undefined when they are off) and its request count. */
  readonly secondOrigin: { readonly url: string; requests(): number } | undefined;
  /** From now on the unreadable blobs read normally (a rerun can store them); ground truth follows. */
  fixUnreadable(): void;
  /** From now on no blob or listing page is redirected; ground truth follows. */
  fixRedirects(): void;
  close(): Promise<void>;
}

export interface StartSimulatorExtras {
  /** Port of the token authority (default 0 = any free port). */
  authorityPort?: number;
}

export async function startSimulator(options?: SimulatorOptions & StartSimulatorExtras): Promise<RunningSimulator> {
  const o = resolveOptions(options);
  const faults = resolveFaults(options?.faults);
  const clock = new OffsetClock(o.startTime);
  const startMs = clock.nowMs();
  const { directory, catalog, plan } = buildTenant(o, faults, startMs);
  const blobFaults = new BlobFaultPlan(faults, catalog, startMs);
  const tokens = new TokenStore();
  const subscriptions = new Subscriptions(
    { guardMs: o.startGuardInMs, tenantWide: o.startGuard === 'tenant-wide', hintMs: o.startGuardHintMs },
    () => clock.nowMs(),
  );
  const signer = new AssertionSigner();
  const authority = await startAuthority(
    {
      host: o.host,
      tenantId: o.tenantId,
      tenantDomain: directory.domain,
      clientId: o.clientId,
      clientSecret: o.clientSecret,
      tokens,
      signer,
      federatedSubject: DEFAULT_MANAGED_IDENTITY_PRINCIPAL_ID,
    },
    options?.authorityPort ?? 0,
  );
  const identity = await startManagedIdentityEndpoint({
    host: o.host,
    tenantId: o.tenantId,
    clientId: o.managedIdentityClientId,
    principalId: DEFAULT_MANAGED_IDENTITY_PRINCIPAL_ID,
    issuer: () => `${authority.authorityHost}/${o.tenantId}/v2.0`,
    signer,
    tokens,
  }).catch(async (error: unknown) => {
    await authority.close();
    throw error;
  });
  let api;
  let second: SecondOrigin | undefined;
  try {
    if (blobFaults.needsSecondOrigin) second = await startSecondOrigin(o.host, () => forgedRecord(catalog, blobFaults, o.tenantId));
    api = await startApiServer({
      host: o.host,
      port: o.port,
      tenantId: o.tenantId,
      seed: o.seed,
      pageSize: o.pageSize,
      faults,
      catalog,
      subscriptions,
      tokens,
      nowMs: () => clock.nowMs(),
      blobFaults,
      secondOrigin: second?.url,
    });
  } catch (error) {
    await Promise.all([authority.close(), identity.close(), second?.close()]);
    throw error;
  }
  const running = api;
  let closed: Promise<void> | undefined;
  return {
    url: running.url,
    authorityHost: authority.authorityHost,
    authorityCaPem: authority.caPem,
    tenantId: o.tenantId,
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    managedIdentity: { endpoint: identity.endpoint, header: identity.header, clientId: identity.clientId, principalId: identity.principalId },
    clock,
    groundTruth: (filter) => computeGroundTruth(catalog, clock.nowMs(), filter, blobFaults),
    storyGroundTruth: () => plan.truths,
    faultyBlobs: () => ({ unreadable: [...blobFaults.unreadable], redirected: [...blobFaults.redirected] }),
    secondOrigin: second,
    fixUnreadable: () => blobFaults.fixUnreadable(),
    fixRedirects: () => blobFaults.fixRedirects(),
    stats: () => ({ requests: running.stats.requests, throttled: running.stats.throttled, byStatus: { ...running.stats.byStatus } }),
    close: () => (closed ??= Promise.all([running.close(), authority.close(), identity.close(), second?.close()]).then(() => undefined)),
  };
}

/** The made-up record of a redirected blob: shaped like a real one (so only its origin betrays it). */
function forgedRecord(catalog: BlobCatalog, faults: BlobFaultPlan, tenantId: string): Record<string, unknown> {
  return {
    Id: faults.forgedRecordId,
    RecordType: 15,
    CreationTime: new Date(catalog.params.firstSlot * HOUR_MS + DAY_MS).toISOString().replace('Z', ''),
    Operation: 'UserLoggedIn',
    OrganizationId: tenantId,
    UserType: 0,
    UserKey: 'forged-user-key',
    Workload: 'AzureActiveDirectory',
    ResultStatus: 'Success',
    ObjectId: '00000003-0000-0000-c000-000000000000',
    UserId: `mallory@${catalog.params.directory.domain}`,
    ClientIP: '203.0.113.66',
  };
}
