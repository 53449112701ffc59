// Turns @azure/cosmos failures into StorageErrors whose messages say what to do. Only the cases a
// caller can act on are translated (403, 404 on a container, 429 after retries); anything else is
// rethrown as it came, so its status code still drives the activity's retry policy.
import { COSMOS_DATA_CONTRIBUTOR_ROLE, StorageError, isStorageError } from '../storage-error';

/** Status code of an SDK error (ErrorResponse.code is a number for HTTP failures). */
export function cosmosStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'number') return code;
  if (typeof statusCode === 'number') return statusCode;
  if (typeof code === 'string' && /^\d{3}$/.test(code)) return Number(code);
  return undefined;
}

/** For reads and writes of items: 403 says which data-plane role is missing. */
export function translateDataError(error: unknown, action: string): unknown {
  if (isStorageError(error)) return error;
  const status = cosmosStatusOf(error);
  if (status === 403) {
    return new StorageError(
      'CosmosForbidden',
      403,
      `Cosmos DB refused to ${action} (403). Assign the app's identity the ${COSMOS_DATA_CONTRIBUTOR_ROLE} ` +
        'role on the account (data-plane RBAC), or check that its network rules admit this caller.',
      { cause: error },
    );
  }
  if (status === 429) {
    return new StorageError(
      'Throttled',
      429,
      `Cosmos DB kept throttling (429) while trying to ${action}, beyond the configured retries. ` +
        'Retry later, or raise the throughput (RU/s) of the account.',
      { cause: error },
    );
  }
  return error;
}

/** For creating the database or a container: an Entra identity may not do it through the data plane. */
export function translateCreateError(error: unknown, what: string): unknown {
  if (isStorageError(error)) return error;
  if (cosmosStatusOf(error) === 403) {
    return new StorageError(
      'CosmosForbidden',
      403,
      `Cosmos DB refused to create ${what} (403). Data-plane roles cannot create databases or containers: ` +
        'provision them with infra (pulumi up), or give the identity a control-plane role such as ' +
        '"Cosmos DB Operator" or "DocumentDB Account Contributor"; then open the store with createIfMissing: false. ' +
        `Reading and writing items needs the ${COSMOS_DATA_CONTRIBUTOR_ROLE} role.`,
      { cause: error },
    );
  }
  return error;
}

export function containerNotFound(what: string, databaseId: string, cause: unknown): StorageError {
  return new StorageError(
    'ContainerNotFound',
    404,
    `Cosmos DB ${what} does not exist in database "${databaseId}". Provision it with infra (pulumi up) ` +
      'or open the store with createIfMissing: true.',
    { cause },
  );
}

/** Runs one data-plane call, turning its failure into the adapter's typed error for `action`. */
export async function guarded<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateDataError(error, action);
  }
}
