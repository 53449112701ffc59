import { describe, expect, it } from 'vitest';
import { FakeApiError } from '../../test/fake-management-api';
import { ActivityFailedError, failActivity, returningNonRetryable } from './activity-failure';
import { unwrapActivityResult } from './call-activity';

describe('non-retryable activity failures', () => {
  it('returns a fatal API failure instead of throwing it, as a typed value keeping code, status and category', async () => {
    const result = await returningNonRetryable(async () => failActivity(new FakeApiError('fatal', 'AF10001', 403), 'listing Audit.Exchange'));
    expect(result).toEqual({
      nonRetryable: { message: expect.stringMatching(/^non-retryable: listing Audit.Exchange failed: .*AF10001/), code: 'AF10001', statusCode: 403, category: 'fatal' },
    });
    expect(() => unwrapActivityResult(result)).toThrow(/^non-retryable: listing Audit.Exchange failed/);
    let thrown: unknown;
    try {
      unwrapActivityResult(result);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ActivityFailedError);
    expect(thrown).toMatchObject({ code: 'AF10001', statusCode: 403, category: 'fatal' });
  });

  it('returns throttled and transient API failures too: the client already retried them (one retry layer)', async () => {
    for (const category of ['throttled', 'transient'] as const) {
      const result = await returningNonRetryable(async () => failActivity(new FakeApiError(category, 'AF429', 503), 'fetching blob b1'));
      expect(result).toEqual({
        nonRetryable: {
          message: expect.stringMatching(new RegExp(`^non-retryable: fetching blob b1 failed after the API client's own retries \\(${category}\\)`)),
          code: 'AF429',
          statusCode: 503,
          category,
        },
      });
    }
  });

  it('still throws what a retry can fix, and passes results through', async () => {
    await expect(returningNonRetryable(async () => failActivity(new Error('database is locked'), 'storing'))).rejects.toThrow(/Durable retries it/);
    await expect(returningNonRetryable(async () => { throw new Error('store unreachable'); })).rejects.toThrow('store unreachable');
    expect(unwrapActivityResult(await returningNonRetryable(async () => ({ recorded: 2 })))).toEqual({ recorded: 2 });
  });
});
