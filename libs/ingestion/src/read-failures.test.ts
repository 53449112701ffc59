import { describe, expect, it } from 'vitest';
import type { ReadFailures } from './model';
import { countReadFailure, isQuarantineDue } from './read-failures';

const at = (minutes: number): Date => new Date(Date.UTC(2026, 10, 25, 10, minutes));
const POLICY = { maxAttempts: 5, minHours: 1 };

function failures(attempts: number, firstMinute: number, lastMinute: number): ReadFailures {
  return { attempts, firstFailedAt: at(firstMinute).toISOString(), lastFailedAt: at(lastMinute).toISOString(), lastError: 'e' };
}

describe('countReadFailure', () => {
  it('starts counting at the first failure', () => {
    expect(countReadFailure(undefined, 'InvalidJson: not JSON', at(0))).toEqual({
      attempts: 1,
      firstFailedAt: at(0).toISOString(),
      lastFailedAt: at(0).toISOString(),
      lastError: 'InvalidJson: not JSON',
    });
  });

  it('adds one attempt, keeps the first time and the latest error', () => {
    expect(countReadFailure(failures(2, 0, 5), 'RequestTimeout: slow', at(10))).toEqual({
      attempts: 3,
      firstFailedAt: at(0).toISOString(),
      lastFailedAt: at(10).toISOString(),
      lastError: 'RequestTimeout: slow',
    });
  });

  it('keeps an error message short enough for a ledger entry', () => {
    expect(countReadFailure(undefined, 'x'.repeat(5000), at(0)).lastError.length).toBeLessThanOrEqual(1000);
  });
});

describe('isQuarantineDue', () => {
  it.each([
    { name: 'too few attempts, long enough', f: failures(4, 0, 90), want: false },
    { name: 'enough attempts, too soon', f: failures(5, 0, 59), want: false },
    { name: 'enough attempts over exactly the minimum time', f: failures(5, 0, 60), want: true },
    { name: 'many attempts over hours', f: failures(20, 0, 300), want: true },
  ])('$name -> $want', ({ f, want }) => {
    expect(isQuarantineDue(f, POLICY)).toBe(want);
  });

  it('minHours 0 quarantines on the attempt count alone', () => {
    expect(isQuarantineDue(failures(2, 0, 0), { maxAttempts: 2, minHours: 0 })).toBe(true);
  });

  it('rejects a policy that would quarantine on the first failure', () => {
    expect(() => isQuarantineDue(failures(1, 0, 0), { maxAttempts: 1, minHours: 0 })).toThrow(/maxAttempts/);
  });
});
