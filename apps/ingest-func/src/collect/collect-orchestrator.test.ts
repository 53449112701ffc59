import { describe, expect, it } from 'vitest';
import { drive, names, respondTo, type Scheduled } from '../../test/orchestration-driver';
import type { SubscriptionReport } from './ensure-subscriptions';
import type { CollectSettings } from './collect-settings';
import { ZERO_COUNTS } from '@auditflow/ingestion';
import { FUNCTION_NAMES as F } from '../shared/function-names';
import { collectOrchestrator } from './collect-orchestrator';
import type { ContentTypeOutcome, ContentTypeRunInput } from './orchestration-input';
import { rerunOrchestrator } from '../rerun/rerun-orchestrator';

const TENANT = '4f7d1c2e-0a3b-4c5d-8e9f-1a2b3c4d5e6f';
const NOW = new Date('2026-11-25T12:00:00.000Z');
const INSTANCE = `collect-${TENANT}`;
const SETTINGS: CollectSettings = {
  tenantId: TENANT,
  contentTypes: ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.SharePoint', 'DLP.All'],
  firstRunLookbackHours: 24,
  relistOverlapMinutes: 60,
  safetyLagMinutes: 5,
  blobBatchSize: 8,
  maxWindowsPerExecution: 2,
};

function respond(subscriptions: SubscriptionReport[], failFor?: string) {
  return respondTo({ ensureSubscriptions: () => ({ subscriptions }) }, (call: Scheduled): unknown => {
    const input = call.input as ContentTypeRunInput;
    const outcome: ContentTypeOutcome = {
      contentType: input.contentType,
      outcome: input.contentType === failFor ? 'failed' : input.subscription === 'disabled' ? 'subscription-disabled' : 'collected',
      counts: ZERO_COUNTS,
      ...(input.contentType === failFor ? { detail: 'non-retryable: AF10001' } : {}),
    };
    return outcome;
  });
}

const SUBSCRIPTIONS: SubscriptionReport[] = [
  { contentType: 'Audit.AzureActiveDirectory', state: 'enabled' },
  { contentType: 'Audit.Exchange', state: 'started' },
  { contentType: 'Audit.SharePoint', state: 'disabled', detail: 'listed as disabled' },
  { contentType: 'DLP.All', state: 'start-failed', detail: 'AF10001 no permission' },
];

describe('collectOrchestrator', () => {
  it('ensures subscriptions, then runs one sub-orchestration per collectable or disabled content type', () => {
    const { output, scheduled, customStatus } = drive(collectOrchestrator, { input: { settings: SETTINGS }, now: NOW, instanceId: INSTANCE, respond: respond(SUBSCRIPTIONS) });
    expect(names(scheduled)).toEqual([F.ensureSubscriptions, F.collectContentTypeOrchestrator, F.collectContentTypeOrchestrator, F.collectContentTypeOrchestrator, F.analyseNewEvents]);
    const subs = scheduled.slice(1, 4) as Extract<Scheduled, { kind: 'sub' }>[];
    expect(subs.map((s) => s.instanceId)).toEqual([`${INSTANCE}:Audit.AzureActiveDirectory`, `${INSTANCE}:Audit.Exchange`, `${INSTANCE}:Audit.SharePoint`]);
    expect(subs.map((s) => (s.input as ContentTypeRunInput).subscription)).toEqual(['enabled', 'started', 'disabled']);
    expect(subs.every((s) => (s.input as ContentTypeRunInput).mode === 'collect' && (s.input as ContentTypeRunInput).parentInstanceId === INSTANCE)).toBe(true);
    expect(customStatus).toEqual({ subscriptions: SUBSCRIPTIONS });
    expect(output.contentTypes.map((o) => [o.contentType, o.outcome])).toEqual([
      ['Audit.AzureActiveDirectory', 'collected'],
      ['Audit.Exchange', 'collected'],
      ['Audit.SharePoint', 'subscription-disabled'],
      ['DLP.All', 'not-subscribed'],
    ]);
  });

  it('waits for nothing when no content type can be collected', () => {
    const subscriptions: SubscriptionReport[] = [{ contentType: 'Audit.Exchange', state: 'start-deferred' }];
    const { output, scheduled } = drive(collectOrchestrator, { input: { settings: SETTINGS }, now: NOW, instanceId: INSTANCE, respond: respond(subscriptions) });
    expect(names(scheduled)).toEqual([F.ensureSubscriptions, F.analyseNewEvents]);
    expect(output.contentTypes).toEqual([expect.objectContaining({ contentType: 'Audit.Exchange', outcome: 'not-subscribed' })]);
  });

  it('fails after every content type finished, naming the failed ones', () => {
    expect(() =>
      drive(collectOrchestrator, { input: { settings: SETTINGS }, now: NOW, instanceId: INSTANCE, respond: respond(SUBSCRIPTIONS, 'Audit.Exchange') }),
    ).toThrow(/collection failed for 1 content type\(s\).*Audit.Exchange: non-retryable: AF10001/);
  });
});

describe('collectOrchestrator (non-retryable)', () => {
  it('fails, starting nothing, when ensureSubscriptions returns a non-retryable failure', () => {
    const scheduled: Scheduled[] = [];
    expect(() =>
      drive(collectOrchestrator, {
        input: { settings: SETTINGS },
        now: NOW,
        instanceId: INSTANCE,
        respond: (call) => {
          scheduled.push(call);
          return { nonRetryable: { message: 'non-retryable: listing subscriptions failed: AF20010', code: 'AF20010', statusCode: 403, category: 'fatal' } };
        },
      }),
    ).toThrow(/^non-retryable: listing subscriptions failed: AF20010/);
    expect(names(scheduled)).toEqual([F.ensureSubscriptions]);
  });
});

describe('rerunOrchestrator', () => {
  it('runs every requested content type in rerun mode under the rerun instance', () => {
    const window = { start: '2026-11-22T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' };
    const id = 'rerun-x';
    const { output, scheduled } = drive(rerunOrchestrator, {
      input: { settings: SETTINGS, contentTypes: ['Audit.Exchange', 'DLP.All'], window },
      now: NOW,
      instanceId: id,
      respond: respond([]),
    });
    const subs = scheduled as Extract<Scheduled, { kind: 'sub' }>[];
    expect(subs.map((s) => [s.instanceId, (s.input as ContentTypeRunInput).mode, (s.input as ContentTypeRunInput).window])).toEqual([
      [`${id}:Audit.Exchange`, 'rerun', window],
      [`${id}:DLP.All`, 'rerun', window],
    ]);
    expect(output.contentTypes).toHaveLength(2);
  });
});

describe('orchestrator input validation', () => {
  const refuse = (orchestrator: Parameters<typeof drive>[0], input: unknown) => {
    const scheduled: Scheduled[] = [];
    let failure: unknown;
    try {
      drive(orchestrator, { input, now: NOW, instanceId: INSTANCE, respond: (call) => void scheduled.push(call) });
    } catch (error) {
      failure = error;
    }
    expect(scheduled).toEqual([]);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).not.toMatch(/Cannot read properties/);
    return (failure as Error).message;
  };

  it.each([
    ['nothing', undefined, /collectOrchestrator input is invalid: the input is not an object/],
    ['{}', {}, /collectOrchestrator input is invalid: settings is missing/],
    ['settings without a tenant', { settings: { ...SETTINGS, tenantId: '' } }, /settings\.tenantId must be a non-empty string/],
    ['an unknown content type', { settings: { ...SETTINGS, contentTypes: ['Audit.Teams'] } }, /settings\.contentTypes\[0\] "Audit\.Teams" is not a content type/],
    ['a zero batch size and no lookback', { settings: { ...SETTINGS, blobBatchSize: 0, firstRunLookbackHours: undefined } }, /settings\.firstRunLookbackHours .*; settings\.blobBatchSize/],
  ])('collectOrchestrator fails at once on %s, naming what is wrong', (_what, input, message) => {
    expect(refuse(collectOrchestrator, input)).toMatch(message);
  });

  it('collectOrchestrator says how to start a collection properly', () => {
    expect(refuse(collectOrchestrator, {})).toMatch(/the collection timer starts it/);
  });

  it.each([
    ['{}', {}, /rerunOrchestrator input is invalid: settings is missing; contentTypes must be a list of content types, got nothing; window must be/],
    ['a bad window', { settings: SETTINGS, contentTypes: ['Audit.Exchange'], window: { start: 'yesterday', end: '2026-11-23T00:00:00.000Z' } }, /window\.start "yesterday" is not an ISO 8601 time/],
    ['an end before the start', { settings: SETTINGS, contentTypes: ['Audit.Exchange'], window: { start: '2026-11-23T00:00:00.000Z', end: '2026-11-22T00:00:00.000Z' } }, /window\.end must be after window\.start/],
  ])('rerunOrchestrator fails at once on %s', (_what, input, message) => {
    expect(refuse(rerunOrchestrator, input)).toMatch(message);
  });
});

describe('collectOrchestrator (subscription starts refused as too frequent)', () => {
  const deferred = (contentType: SubscriptionReport['contentType'], retryAfterInMs: number): SubscriptionReport => ({
    contentType,
    state: 'start-deferred',
    detail: 'start refused as too frequent',
    retryAfterInMs,
  });

  it('waits for a short hint with a durable timer, starts again, then collects every content type', () => {
    const rounds: SubscriptionReport[][] = [
      [{ contentType: 'Audit.AzureActiveDirectory', state: 'started' }, deferred('Audit.Exchange', 3_000), deferred('DLP.All', 3_000)],
      [{ contentType: 'Audit.Exchange', state: 'started' }, deferred('DLP.All', 2_000)],
      [{ contentType: 'DLP.All', state: 'started' }],
    ];
    const settings = { ...SETTINGS, contentTypes: ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'DLP.All'] as CollectSettings['contentTypes'] };
    const base = respond([]);
    const { output, scheduled } = drive(collectOrchestrator, {
      input: { settings },
      now: NOW,
      instanceId: INSTANCE,
      respond: respondTo({ ensureSubscriptions: () => ({ subscriptions: rounds.shift()! }) }, (call) => (call.kind === 'timer' ? undefined : base(call))),
    });
    expect(names(scheduled)).toEqual([F.ensureSubscriptions, 'timer', F.ensureSubscriptions, 'timer', F.ensureSubscriptions, F.collectContentTypeOrchestrator, F.collectContentTypeOrchestrator, F.collectContentTypeOrchestrator, F.analyseNewEvents]);
    expect(scheduled[1]!.input).toBe(new Date(NOW.getTime() + 3_000).toISOString());
    expect((scheduled[2]!.input as { contentTypes: string[] }).contentTypes).toEqual(['Audit.Exchange', 'DLP.All']);
    expect((scheduled[4]!.input as { contentTypes: string[] }).contentTypes).toEqual(['DLP.All']);
    expect(output.contentTypes.map((o) => [o.contentType, o.outcome])).toEqual([
      ['Audit.AzureActiveDirectory', 'collected'],
      ['Audit.Exchange', 'collected'],
      ['DLP.All', 'collected'],
    ]);
    expect(output.subscriptions?.map((s) => s.state)).toEqual(['started', 'started', 'started']);
    expect(output.notCollecting).toEqual([]);
  });

  it('defers a long hint to the first cycle after it: not collecting, with the reason, in the output', () => {
    const subscriptions = [{ contentType: 'Audit.AzureActiveDirectory', state: 'enabled' }, deferred('Audit.Exchange', 20 * 60_000)] satisfies SubscriptionReport[];
    const { output, scheduled } = drive(collectOrchestrator, { input: { settings: SETTINGS }, now: NOW, instanceId: INSTANCE, respond: respond(subscriptions) });
    expect(names(scheduled)).toEqual([F.ensureSubscriptions, F.collectContentTypeOrchestrator, F.analyseNewEvents]);
    expect(output.contentTypes.find((o) => o.contentType === 'Audit.Exchange')).toMatchObject({ outcome: 'not-subscribed', detail: expect.stringMatching(/start-deferred.*first cycle after 2026-11-25T12:20:00\.000Z/) });
    expect(output.notCollecting).toEqual([{ contentType: 'Audit.Exchange', outcome: 'not-subscribed', reason: expect.stringMatching(/not-subscribed: start-deferred/) }]);
  });
});
