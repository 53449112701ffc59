// The simulated tenant's data without any server: directory, publication catalog and attack
// stories, built the same way startSimulator builds them. In-process users (the investigation
// tests, benchmarks) read records straight from here instead of over HTTP.
import { CONTENT_TYPES, type ContentType } from '@auditflow/ingestion';
import { BlobCatalog, DAY_MS } from './blob-catalog';
import { HOUR_MS } from './content-id';
import type { MutableRecord } from './record-context';
import { resolveFaults, resolveOptions, type ResolvedFaults, type ResolvedOptions, type SimulatorOptions } from './simulator-options';
import { EMPTY_PLAN, planStories, type StoryPlan, type StoryTruth } from './stories';
import { createTenantDirectory, type TenantDirectory } from './tenant-directory';

export function buildTenant(o: ResolvedOptions, faults: ResolvedFaults, startMs: number): { directory: TenantDirectory; catalog: BlobCatalog; plan: StoryPlan } {
  const directory = createTenantDirectory(o.seed, o.tenantId, o.users);
  const firstSlot = Math.floor((startMs - o.days * DAY_MS) / HOUR_MS);
  const plan = o.stories ? planStories(o.seed, directory, firstSlot * HOUR_MS, startMs) : EMPTY_PLAN;
  const catalog = new BlobCatalog({
    seed: o.seed,
    directory,
    firstSlot,
    recordsPerHour: o.recordsPerHour,
    redeliveryRate: faults.redeliveryRate,
    relistRate: faults.relistRate,
    expiredBlobRate: faults.expiredBlobRate,
    stories: plan,
  });
  return { directory, catalog, plan };
}

export interface SimulatedTenant {
  readonly tenantId: string;
  /** The tenant's accepted domain (users' UPN domain). */
  readonly domain: string;
  readonly startTime: Date;
  /** Every distinct record whose event time is before `startTime`, per content type, in slot order. */
  records(contentType?: ContentType): Generator<{ contentType: ContentType; record: MutableRecord }>;
  /** Ground truth of the stories (empty when `stories` is off). */
  storyGroundTruth(): readonly StoryTruth[];
}

/** The tenant startSimulator would serve for these options (startTime defaults to now), as data. */
export function simulatedTenant(options: SimulatorOptions = {}): SimulatedTenant {
  const o = resolveOptions(options);
  const startMs = (o.startTime ?? new Date()).getTime();
  const { directory, catalog, plan } = buildTenant(o, resolveFaults(options.faults), startMs);
  const lastSlot = Math.floor(startMs / HOUR_MS);
  return {
    tenantId: o.tenantId,
    domain: directory.domain,
    startTime: new Date(startMs),
    *records(only?: ContentType) {
      for (const contentType of only ? [only] : CONTENT_TYPES) {
        for (let slot = catalog.params.firstSlot; slot <= lastSlot; slot++) {
          for (const blob of catalog.blobsOfSlot(contentType, slot)) {
            if (blob.redelivery) continue;
            const records = catalog.records(blob);
            for (const record of records) {
              const t = Date.parse(`${String(record['CreationTime'])}Z`);
              if (t < startMs) yield { contentType, record };
            }
          }
        }
      }
    },
    storyGroundTruth: () => plan.truths,
  };
}
