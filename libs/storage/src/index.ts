// @auditflow/storage: the storage ports and their two adapters (SQLite embedded, Cosmos DB production).
export * from './ports';
export * from './investigation-ports';
export { StorageError, isStorageError, COSMOS_DATA_CONTRIBUTOR_ROLE, type FailedOperation, type StorageErrorCode } from './storage-error';
export { openSqliteStore, type OpenSqliteStoreOptions } from './sqlite/open-sqlite-store';
export { readSqliteStoreId } from './sqlite/read-sqlite-store-id';
export { openCosmosStore, type EventWriteCharge, type OpenCosmosStoreOptions, type TokenCredential } from './cosmos/open-cosmos-store';
export { listSqliteTenants } from './sqlite/sqlite-tenants';
export {
  measureSqliteInsertLimit,
  startSqliteInsertLimit,
  type SqliteInsertLimit,
  type SqliteInsertLimitOptions,
  type SqliteInsertLimitResult,
  type SqliteInsertLimitSchema,
} from './sqlite/sqlite-insert-limit';
