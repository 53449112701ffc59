import { afterAll, describe, expect, it } from 'vitest';
import { setClockOffset } from './clock';

describe('setClockOffset', () => {
  afterAll(() => setClockOffset(0));

  it('shifts Date.now() and new Date() but not explicit dates', () => {
    const realNow = Date.now();
    setClockOffset(86_400_000);
    expect(Date.now() - realNow).toBeGreaterThanOrEqual(86_400_000);
    expect(Date.now() - realNow).toBeLessThan(86_400_000 + 5_000);
    expect(new Date().getTime() - realNow).toBeGreaterThanOrEqual(86_400_000);
    expect(new Date(0).getTime()).toBe(0);
    expect(new Date('2020-01-01T00:00:00Z').toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(new Date() instanceof Date).toBe(true);
    expect(typeof Date()).toBe('string');
    expect(Date.parse('2020-01-01T00:00:00Z')).toBe(1577836800000);
  });
});
