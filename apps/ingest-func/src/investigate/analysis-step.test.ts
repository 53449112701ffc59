// The collect orchestrator's analysis step: called after the content types, again while blobs
// remain (bounded per cycle), and a failed analysis is reported without failing the collection.
import { describe, expect, it } from 'vitest';
import { drive, names, respondTo, type ActivityReply } from '../../test/orchestration-driver';
import type { CollectSettings } from '../collect/collect-settings';
import { ZERO_COUNTS } from '@auditflow/ingestion';
import { FUNCTION_NAMES as F } from '../shared/function-names';
import { collectOrchestrator } from '../collect/collect-orchestrator';
import type { CollectOutput, ContentTypeRunInput } from '../collect/orchestration-input';
import type { AnalyseNewEventsResult } from './analyse-new-events';
import { MAX_ANALYSIS_CALLS } from './analysis-step';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const SETTINGS: CollectSettings = {
  tenantId: TENANT,
  contentTypes: ['Audit.Exchange'],
  firstRunLookbackHours: 24,
  relistOverlapMinutes: 60,
  safetyLagMinutes: 5,
  blobBatchSize: 8,
  maxWindowsPerExecution: 2,
};
const page = (more: boolean): AnalyseNewEventsResult => ({ blobs: 2, events: 10, findings: 1, newFindings: 1, baselineUpdates: 3, more, dlpTypes: 'fresh' });

function run(analyse: (n: number) => ActivityReply<'analyseNewEvents'>) {
  let n = 0;
  return drive(collectOrchestrator, {
    input: { settings: SETTINGS },
    now: new Date('2026-11-25T12:00:00.000Z'),
    instanceId: `collect-${TENANT}`,
    respond: respondTo(
      {
        ensureSubscriptions: () => ({ subscriptions: [{ contentType: 'Audit.Exchange', state: 'enabled' }] }),
        analyseNewEvents: () => analyse(++n),
      },
      (call) => ({ contentType: (call.input as ContentTypeRunInput).contentType, outcome: 'collected', counts: ZERO_COUNTS }),
    ),
  });
}

describe('the analysis step of a collection cycle', () => {
  it('runs after every content type, with ids only, until no blob is left', () => {
    const { output, scheduled } = run((n) => page(n < 3));
    expect(names(scheduled)).toEqual([F.ensureSubscriptions, F.collectContentTypeOrchestrator, F.analyseNewEvents, F.analyseNewEvents, F.analyseNewEvents]);
    expect(scheduled[2]?.input).toEqual({ tenantId: TENANT, contentTypes: ['Audit.Exchange'] });
    expect((output as CollectOutput).analysis).toEqual({ calls: 3, blobs: 6, events: 30, findings: 3, newFindings: 3, more: false });
  });

  it('stops after MAX_ANALYSIS_CALLS and says more is left for the next cycle', () => {
    const { output, scheduled } = run(() => page(true));
    expect(names(scheduled).filter((n) => n === F.analyseNewEvents)).toHaveLength(MAX_ANALYSIS_CALLS);
    expect((output as CollectOutput).analysis).toMatchObject({ calls: MAX_ANALYSIS_CALLS, more: true });
  });

  it('reports a failed analysis in the output without failing the collection', () => {
    const { output } = run(() => {
      throw new Error('store unavailable');
    });
    expect((output as CollectOutput).contentTypes).toEqual([expect.objectContaining({ outcome: 'collected' })]);
    expect((output as CollectOutput).analysis).toMatchObject({ calls: 0, error: 'store unavailable', more: true });
  });
});
