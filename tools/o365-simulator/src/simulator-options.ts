// The options bag of startSimulator (CONTRACTS.md section 3) and its defaults.
import type { BlobChoice, RedirectListing, UnreadableBlobs } from './blob-faults';

export interface SimulatorFaults {
  /** AF429 beyond this many accepted API requests per PublisherIdentifier in a sliding 60 s. */
  rateLimitPerMinute?: number;
  throttleStatus?: 403 | 429 | 'mixed';
  /** 0..1 share of API requests answered 500/503 with AF50000. */
  serverErrorRate?: number;
  slowResponseRate?: number;
  slowResponseMs?: number;
  /** 0..1 share of blob fetches whose 200 body is cut mid-JSON. */
  truncatedBodyRate?: number;
  /** 0..1 share of API requests whose socket is destroyed mid-response. */
  connectionResetRate?: number;
  /** 0..1 share of blobs that answer AF20051 whenever fetched (for good). */
  expiredBlobRate?: number;
  /** 0..1 share of records repeated in a second blob (default 0.05). */
  redeliveryRate?: number;
  /** 0..1 share of blobs listed again later with a later contentCreated (default 0.05). */
  relistRate?: number;
  /** A listing page answers 302 to a second origin that serves `[]` (until fixRedirects()). */
  redirectListing?: RedirectListing;
  /** Chosen blobs answer 302 to a second origin serving one made-up record (until fixRedirects()). */
  redirectBlob?: BlobChoice;
  /** Chosen blobs never read: not JSON, gzip without header, redirect loop, trickle (until fixUnreadable()). */
  unreadableBlobs?: UnreadableBlobs;
}

/** 'per-content-type' (the documented 15-minute guard) or 'tenant-wide' (one guard for all types). */
export type StartGuardMode = 'per-content-type' | 'tenant-wide';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** The user-assigned managed identity the app registration trusts (federated credential). */
  managedIdentityClientId?: string;
  seed?: number;
  users?: number;
  days?: number;
  recordsPerHour?: number;
  startTime?: Date;
  pageSize?: number;
  /** Default 15 min per content type; 3 s when startGuard is 'tenant-wide'. */
  startGuardInMs?: number;
  /** 'tenant-wide': a start of ANY content type within startGuardInMs of the last accepted one is refused. */
  startGuard?: StartGuardMode;
  /** The wait the refusal's message names ("retry again after 0m 3s"); default the real remaining time. */
  startGuardHintMs?: number;
  faults?: SimulatorFaults;
  /** Seed the attack stories (src/stories) into the history; off by default. Needs days >= 2. */
  stories?: boolean;
}

export const DEFAULT_TENANT_ID = '4e1a2b3c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
export const DEFAULT_CLIENT_ID = '0f9e8d7c-6b5a-4938-a7b6-c5d4e3f2a1b0';
export const DEFAULT_MANAGED_IDENTITY_CLIENT_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
/** The identity's principal (object) id: the subject of the app registration's federated credential. */
export const DEFAULT_MANAGED_IDENTITY_PRINCIPAL_ID = 'b1c2d3e4-f5a6-4b7c-9d8e-0f1a2b3c4d5e';
/** Test-only value, not a real secret. */
export const DEFAULT_CLIENT_SECRET = 'simulator-client-secret';

export interface ResolvedOptions {
  host: string;
  port: number;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  managedIdentityClientId: string;
  seed: number;
  users: number;
  days: number;
  recordsPerHour: number;
  startTime: Date | undefined;
  pageSize: number;
  startGuardInMs: number;
  startGuard: StartGuardMode;
  startGuardHintMs: number | undefined;
  stories: boolean;
}

export interface ResolvedFaults {
  rateLimitPerMinute: number;
  throttleStatus: 403 | 429 | 'mixed';
  serverErrorRate: number;
  slowResponseRate: number;
  slowResponseMs: number;
  truncatedBodyRate: number;
  connectionResetRate: number;
  expiredBlobRate: number;
  redeliveryRate: number;
  relistRate: number;
  redirectListing: RedirectListing | undefined;
  redirectBlob: BlobChoice | undefined;
  unreadableBlobs: UnreadableBlobs | undefined;
}

function rate(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new RangeError(`faults.${name} must be between 0 and 1, got ${v}`);
  return v;
}

function positiveInt(name: string, value: number | undefined, fallback: number, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

export function resolveFaults(faults: SimulatorFaults | undefined): ResolvedFaults {
  const f = faults ?? {};
  const throttleStatus = f.throttleStatus ?? 429;
  if (throttleStatus !== 403 && throttleStatus !== 429 && throttleStatus !== 'mixed') {
    throw new RangeError(`faults.throttleStatus must be 403, 429 or 'mixed', got ${String(throttleStatus)}`);
  }
  return {
    rateLimitPerMinute: f.rateLimitPerMinute === undefined ? Infinity : positiveInt('faults.rateLimitPerMinute', f.rateLimitPerMinute, 0),
    throttleStatus,
    serverErrorRate: rate('serverErrorRate', f.serverErrorRate, 0),
    slowResponseRate: rate('slowResponseRate', f.slowResponseRate, 0),
    slowResponseMs: positiveInt('faults.slowResponseMs', f.slowResponseMs, 2000, 0),
    truncatedBodyRate: rate('truncatedBodyRate', f.truncatedBodyRate, 0),
    connectionResetRate: rate('connectionResetRate', f.connectionResetRate, 0),
    expiredBlobRate: rate('expiredBlobRate', f.expiredBlobRate, 0),
    redeliveryRate: rate('redeliveryRate', f.redeliveryRate, 0.05),
    relistRate: rate('relistRate', f.relistRate, 0.05),
    redirectListing: f.redirectListing,
    redirectBlob: f.redirectBlob,
    unreadableBlobs: f.unreadableBlobs,
  };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function resolveOptions(options: SimulatorOptions | undefined): ResolvedOptions {
  const o = options ?? {};
  const tenantId = (o.tenantId ?? DEFAULT_TENANT_ID).toLowerCase();
  if (!GUID.test(tenantId)) throw new RangeError(`tenantId must be a GUID, got ${tenantId}`);
  if (o.startTime !== undefined && Number.isNaN(o.startTime.getTime())) throw new RangeError('startTime is an invalid Date');
  if (o.seed !== undefined && !Number.isFinite(o.seed)) throw new RangeError(`seed must be a finite number, got ${o.seed}`);
  const days = o.days ?? 7;
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`days must be >= 0, got ${days}`);
  const startGuard = o.startGuard ?? 'per-content-type';
  if (startGuard !== 'per-content-type' && startGuard !== 'tenant-wide') {
    throw new RangeError(`startGuard must be 'per-content-type' or 'tenant-wide', got ${String(startGuard)}`);
  }
  const recordsPerHour = o.recordsPerHour ?? 600;
  if (!Number.isFinite(recordsPerHour) || recordsPerHour < 0) throw new RangeError(`recordsPerHour must be >= 0, got ${recordsPerHour}`);
  return {
    host: o.host ?? '127.0.0.1',
    port: positiveInt('port', o.port, 0, 0),
    tenantId,
    clientId: o.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: o.clientSecret ?? DEFAULT_CLIENT_SECRET,
    managedIdentityClientId: o.managedIdentityClientId ?? DEFAULT_MANAGED_IDENTITY_CLIENT_ID,
    seed: Math.trunc(o.seed ?? 1),
    users: positiveInt('users', o.users, 50),
    days,
    recordsPerHour,
    startTime: o.startTime,
    pageSize: positiveInt('pageSize', o.pageSize, 50),
    startGuardInMs: positiveInt('startGuardInMs', o.startGuardInMs, startGuard === 'tenant-wide' ? 3000 : 15 * 60 * 1000, 0),
    startGuard,
    startGuardHintMs: o.startGuardHintMs === undefined ? undefined : positiveInt('startGuardHintMs', o.startGuardHintMs, 0, 0),
    stories: o.stories === true,
  };
}
