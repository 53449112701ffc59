import type { HttpResponseInit } from '@azure/functions';
import { ConfigError } from '@auditflow/config';
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../test/temp-store';
import { guarded } from './guarded-http';

describe('guarded', () => {
  it('turns a configuration error into a 500 naming every problem', async () => {
    const response: HttpResponseInit = await guarded(silentLog, async () => {
      throw new ConfigError(['AUDITFLOW_TENANT_ID is missing: set it', 'AUDITFLOW_STORE is "x": set it to one of sqlite, cosmos']);
    });
    expect(response).toEqual({
      status: 500,
      jsonBody: { error: 'InvalidConfig', message: expect.any(String), problems: ['AUDITFLOW_TENANT_ID is missing: set it', 'AUDITFLOW_STORE is "x": set it to one of sqlite, cosmos'] },
    });
  });

  it('turns any other failure into a 500 with its message', async () => {
    const response = await guarded(silentLog, async () => {
      throw Object.assign(new Error('store unreachable'), { code: 'StoreUnavailable' });
    });
    expect(response).toEqual({ status: 500, jsonBody: { error: 'StoreUnavailable', message: 'store unreachable' } });
  });
});
