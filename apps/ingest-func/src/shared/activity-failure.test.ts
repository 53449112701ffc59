import { describe, expect, it } from 'vitest';
import { FakeApiError } from '../../test/fake-activity-api';
import { failActivity, returningNonRetryable, unwrapActivityResult } from './activity-failure';

describe('non-retryable activity failures', () => {
  it('returns a fatal API failure instead of throwing it, so Durable does not attempt it again', async () => {
    const result = await returningNonRetryable(async () => failActivity(new FakeApiError('fatal', 'AF10001', 403), 'listing Audit.Exchange'));
    expect(result).toEqual({ nonRetryable: expect.stringMatching(/^non-retryable: listing Audit.Exchange failed: .*AF10001/) });
    expect(() => unwrapActivityResult(result)).toThrow(/^non-retryable: listing Audit.Exchange failed/);
  });

  it('returns throttled and transient API failures too: the client already retried them (one retry layer)', async () => {
    for (const category of ['throttled', 'transient'] as const) {
      const result = await returningNonRetryable(async () => failActivity(new FakeApiError(category, 'AF429', 503), 'fetching blob b1'));
      expect(result).toEqual({ nonRetryable: expect.stringMatching(new RegExp(`^non-retryable: fetching blob b1 failed after the API client's own retries \\(${category}\\)`)) });
    }
  });

  it('still throws what a retry can fix, and passes results through', async () => {
    await expect(returningNonRetryable(async () => failActivity(new Error('database is locked'), 'storing'))).rejects.toThrow(/Durable retries it/);
    await expect(returningNonRetryable(async () => { throw new Error('store unreachable'); })).rejects.toThrow('store unreachable');
    expect(unwrapActivityResult(await returningNonRetryable(async () => ({ recorded: 2 })))).toEqual({ recorded: 2 });
  });
});
