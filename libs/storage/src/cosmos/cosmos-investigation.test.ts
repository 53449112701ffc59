// The investigation contract against the Cosmos-protocol test server through the real SDK.
import { afterAll, beforeAll } from 'vitest';
import type { AuditStore } from '../ports';
import { describeInvestigationStoreContract, startCosmosTestServer, type CosmosTestServer } from '../testing';
import { openCosmosStore } from './open-cosmos-store';

let server: CosmosTestServer;
let counter = 0;
beforeAll(async () => {
  server = await startCosmosTestServer();
});
afterAll(async () => {
  await server.close();
});

describeInvestigationStoreContract('cosmos', async (): Promise<AuditStore> =>
  openCosmosStore({
    endpoint: server.endpoint,
    databaseId: `inv-${++counter}`,
    key: server.key,
    agent: server.agent,
    retentionSeconds: 7_776_000,
    connectionPolicy: { enableEndpointDiscovery: false },
  }),
);
