import { describe, expect, it } from 'vitest';
import type { CollectOutput } from '@auditflow/ingest-func';
import { cycleVerdict } from './cycle-verdict';

const counts = {} as CollectOutput['contentTypes'][number]['counts'];
function output(...outcomes: [string, string, string?][]): CollectOutput {
  return {
    tenantId: 't', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z',
    contentTypes: outcomes.map(([contentType, outcome, detail]) => ({ contentType, outcome, counts, ...(detail ? { detail } : {}) })),
  } as unknown as CollectOutput;
}

describe('cycleVerdict', () => {
  it('is a success only when every content type was collected', () => {
    expect(cycleVerdict('Completed', output(['Audit.Exchange', 'collected'], ['DLP.All', 'collected']))).toEqual({ ok: true, problems: [] });
  });

  it('fails, naming each content type and its reason, when one is not subscribed or not collected', () => {
    const verdict = cycleVerdict(
      'Completed',
      output(['Audit.Exchange', 'collected'], ['DLP.All', 'not-subscribed', 'AF10001 permission set missing'], ['Audit.General', 'incomplete']),
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toHaveLength(2);
    expect(verdict.problems[0]).toMatch(/DLP\.All.*not-subscribed.*AF10001/);
    expect(verdict.problems[1]).toMatch(/Audit\.General.*incomplete/);
  });

  it('fails when the orchestration did not complete or reported no content types', () => {
    expect(cycleVerdict('Failed', undefined).ok).toBe(false);
    expect(cycleVerdict('Completed', output()).problems.join()).toMatch(/no content type/);
    expect(cycleVerdict('Completed', 'not an output').ok).toBe(false);
  });
});
