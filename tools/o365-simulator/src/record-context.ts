// What every record generator gets, and the common schema fields they all share.
import type { SeededRandom } from './seeded-random';
import type { DirectoryUser, TenantDirectory } from './tenant-directory';

export interface RecordContext {
  readonly directory: TenantDirectory;
  readonly rng: SeededRandom;
  readonly id: string;
  readonly timeMs: number;
}

export type MutableRecord = Record<string, unknown>;

/** CreationTime as the API writes it: UTC, second precision, NO trailing Z. */
export function creationTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** ClientIP in the shapes the real feed uses: plain IPv4, with a port, IPv6, bracketed IPv6 with a port. */
export function clientIp(rng: SeededRandom, user: DirectoryUser): string {
  const r = rng.next();
  if (r < 0.7) return user.ipv4;
  if (r < 0.8) return `${user.ipv4}:${rng.int(1024, 65535)}`;
  if (r < 0.9) return `[${user.ipv6}]:${rng.int(1024, 65535)}`;
  return user.ipv6;
}

export interface CommonFields {
  recordType: number;
  operation: string;
  workload: string;
  userId: string;
  userKey: string;
  userType: number;
  objectId: string;
  resultStatus: string;
  clientIp: string;
}

export function commonFields(ctx: RecordContext, f: CommonFields): MutableRecord {
  const record: MutableRecord = {
    CreationTime: creationTime(ctx.timeMs),
    Id: ctx.id,
    Operation: f.operation,
    OrganizationId: ctx.directory.tenantId,
    RecordType: f.recordType,
    UserKey: f.userKey,
    UserType: f.userType,
    Version: 1,
    Workload: f.workload,
    ResultStatus: f.resultStatus,
    ClientIP: f.clientIp,
    ObjectId: f.objectId,
    UserId: f.userId,
  };
  return record;
}

export function pickUser(ctx: RecordContext): DirectoryUser {
  return ctx.rng.pick(ctx.directory.users);
}
