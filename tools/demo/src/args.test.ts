import { describe, expect, it } from 'vitest';
import { parseDemoArgs, UsageError } from './args';

describe('parseDemoArgs', () => {
  it('defaults to one simulated 7-day cycle with faults on', () => {
    const o = parseDemoArgs([]);
    expect(o).toMatchObject({ serve: false, real: false, days: 7, faults: true, stories: true, dataDir: 'tmp/demo', port: 7071 });
  });

  it('reads every option', () => {
    const o = parseDemoArgs(['--serve', '--days', '3', '--users', '10', '--records-per-hour', '99', '--no-faults', '--port', '0', '--data-dir', '/tmp/x', '--schedule', '0 */5 * * * *']);
    expect(o).toMatchObject({ serve: true, days: 3, users: 10, recordsPerHour: 99, faults: false, port: 0, dataDir: '/tmp/x', schedule: '0 */5 * * * *' });
  });

  it('reports every bad value together', () => {
    try {
      parseDemoArgs(['--days', 'x', '--users', '0', '--schedule', '* * * * *']);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      const problems = (error as UsageError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/--days.*"x"[\s\S]*--users[\s\S]*6 fields/);
    }
  });

  it('rejects unknown flags with the usage text', () => {
    expect(() => parseDemoArgs(['--dayz', '3'])).toThrow(/usage: npm start/);
  });
});

describe('parseDemoArgs --real', () => {
  it('keeps a real tenant out of the demo scratch directory by default', () => {
    expect(parseDemoArgs(['--real']).dataDir).toBe('data');
    expect(parseDemoArgs(['--real', '--data-dir', '/srv/af']).dataDir).toBe('/srv/af');
  });
});

describe('parseDemoArgs --stories', () => {
  it('seeds the attack stories unless told not to', () => {
    expect(parseDemoArgs(['--no-stories']).stories).toBe(false);
    expect(parseDemoArgs(['--days', '1', '--no-stories']).days).toBe(1);
  });
  it('refuses a history too short for them, saying how to proceed', () => {
    expect(() => parseDemoArgs(['--days', '1'])).toThrow(/--days 2 or more.*--no-stories/);
  });
});
