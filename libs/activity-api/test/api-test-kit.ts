// What the client's socket tests share: fake API servers closed after each test, and the typed
// failure of a call (checked never to carry the token).
import { afterEach, expect } from 'vitest';
import { ManagementApiError } from '../src/index';
import { startFakeApi, TEST_TOKEN, type FakeApi, type Handler } from './fake-api-server';

export const TEST_TENANT = '7f3c2b1a-9e8d-4c7b-8a6f-5e4d3c2b1a09';

/** `api(handler)` starts a fake API on 127.0.0.1:0; every one is closed after each test. */
export function fakeApiPerTest(): (handler: Handler) => Promise<FakeApi> {
  const servers: FakeApi[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    const server = await startFakeApi(handler);
    servers.push(server);
    return server;
  };
}

/** The ManagementApiError a call rejects with; fails the test if it resolves or leaks the token. */
export async function failure(promise: Promise<unknown>): Promise<ManagementApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ManagementApiError);
  const apiError = error as ManagementApiError;
  expect(apiError.message).not.toContain(TEST_TOKEN);
  expect(JSON.stringify({ ...apiError, cause: String(apiError.cause) })).not.toContain(TEST_TOKEN);
  return apiError;
}

export const blobUriOf = (server: FakeApi, contentId = 'blob-1') => `${server.url}/api/v1.0/${TEST_TENANT}/activity/feed/audit/${contentId}`;
