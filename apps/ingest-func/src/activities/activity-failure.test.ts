import { describe, expect, it } from 'vitest';
import { FakeApiError } from '../../test/fake-activity-api';
import { failActivity, returningNonRetryable, unwrapActivityResult } from './activity-failure';

describe('non-retryable activity failures', () => {
  it('returns a fatal API failure instead of throwing it, so Durable does not attempt it again', async () => {
    const result = await returningNonRetryable(async () => failActivity(new FakeApiError('fatal', 'AF10001', 403), 'listing Audit.Exchange'));
    expect(result).toEqual({ nonRetryable: expect.stringMatching(/^non-retryable: listing Audit.Exchange failed: .*AF10001/) });
    expect(() => unwrapActivityResult(result)).toThrow(/^non-retryable: listing Audit.Exchange failed/);
  });

  it('still throws what a retry can fix, and passes results through', async () => {
    await expect(returningNonRetryable(async () => failActivity(new FakeApiError('transient', 'AF50000', 503), 'fetching'))).rejects.toThrow(
      /Durable retries it/,
    );
    await expect(returningNonRetryable(async () => { throw new Error('store unreachable'); })).rejects.toThrow('store unreachable');
    expect(unwrapActivityResult(await returningNonRetryable(async () => ({ recorded: 2 })))).toEqual({ recorded: 2 });
  });
});
