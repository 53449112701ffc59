// The Cosmos-protocol server for bench/cosmos-insert.ts, in its own process (so its CPU is not
// the bench's). Prints one JSON line {endpoint, key, caPem}; stops when stdin closes.
import { startCosmosTestServer } from '../src/testing/cosmos-test-server';

async function main(): Promise<void> {
  const server = await startCosmosTestServer();
  process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, key: server.key, caPem: server.caPem })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
