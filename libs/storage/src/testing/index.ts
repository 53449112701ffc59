// Testing entry (@auditflow/storage/testing): the contract suites every adapter passes, valid
// test documents, and a Cosmos-protocol server for tests.
export { describeEventStoreContract, type EventStoreContractOptions } from './event-store-contract';
export { describeCheckpointStoreContract } from './checkpoint-store-contract';
export { TEST_TENANT, testEventDocument, testGap, testLedgerEntry, testPartitionKey, type TestEventInput } from './test-documents';
export { startCosmosTestServer, type CosmosTestServer, type CosmosTestServerOptions } from './cosmos-test-server';
export { describeInvestigationStoreContract } from './investigation-contract';
