// What the orchestrators need from the settings, as plain data in their input: orchestrators are
// deterministic and never read the environment, so the starters copy these from the validated
// config once, and continueAsNew carries them forward.
import type { AuditflowConfig } from '@auditflow/config';
import type { ContentType } from '@auditflow/ingestion';

export interface CollectSettings {
  readonly tenantId: string;
  readonly contentTypes: readonly ContentType[];
  readonly firstRunLookbackHours: number;
  readonly relistOverlapMinutes: number;
  readonly safetyLagMinutes: number;
  readonly blobBatchSize: number;
  /** Windows (of at most 24 h) one execution of a content type's orchestration processes before continueAsNew. */
  readonly maxWindowsPerExecution: number;
}

/** Bounds history: a 7-day first run becomes four short executions instead of one long one. */
export const DEFAULT_MAX_WINDOWS_PER_EXECUTION = 2;

export function collectSettingsFrom(config: AuditflowConfig): CollectSettings {
  return {
    tenantId: config.tenantId,
    contentTypes: [...config.contentTypes],
    firstRunLookbackHours: config.firstRunLookbackHours,
    relistOverlapMinutes: config.relistOverlapMinutes,
    safetyLagMinutes: config.safetyLagMinutes,
    blobBatchSize: config.blobBatchSize,
    maxWindowsPerExecution: DEFAULT_MAX_WINDOWS_PER_EXECUTION,
  };
}
