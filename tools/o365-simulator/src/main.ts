#!/usr/bin/env node
// CLI: a simulated tenant on loopback until SIGINT/SIGTERM (npm run simulator -- --port 7070 ...).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCliArgs, USAGE } from './cli-args';
import { DEFAULT_CLIENT_SECRET } from './simulator-options';
import { startSimulator } from './start-simulator';

async function main(): Promise<void> {
  let cli;
  try {
    cli = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (cli.help) {
    console.log(USAGE);
    return;
  }
  const sim = await startSimulator(cli.simulator);
  const caPath = resolve(cli.caOut);
  mkdirSync(dirname(caPath), { recursive: true });
  writeFileSync(caPath, sim.authorityCaPem);
  const secretNote =
    sim.clientSecret === DEFAULT_CLIENT_SECRET
      ? `${sim.clientSecret}   (the simulator's fixed test value, DEFAULT_CLIENT_SECRET in src/simulator-options.ts; not a real secret)`
      : '(as given in the options)';
  console.log(
    [
      'o365-simulator running',
      `  AUDITFLOW_API_BASE_URL=${sim.url}`,
      `  AUDITFLOW_AUTHORITY_HOST=${sim.authorityHost}`,
      `  AUDITFLOW_AUTHORITY_CA_PATH=${caPath}`,
      `  AUDITFLOW_TENANT_ID=${sim.tenantId}`,
      `  AUDITFLOW_CLIENT_ID=${sim.clientId}`,
      `  AUDITFLOW_CLIENT_SECRET: ${secretNote}`,
      '  AUDITFLOW_CLOUD=Custom  AUDITFLOW_AUTH_MODE=client-secret',
      `  faults: ${JSON.stringify(cli.simulator.faults)}`,
      ...(sim.secondOrigin ? [`  second origin (redirect faults): ${sim.secondOrigin.url}`] : []),
      ...(cli.simulator.faults?.unreadableBlobs || cli.simulator.faults?.redirectBlob ? [`  faulty blobs: ${JSON.stringify(sim.faultyBlobs())} (SIGUSR2 fixes them)`] : []),
      'Ctrl+C to stop.',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const s = sim.stats();
    console.log(`\n${signal}: stopping (${s.requests} API requests, ${s.throttled} throttled, by status ${JSON.stringify(s.byStatus)})`);
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGUSR2', () => {
    sim.fixUnreadable();
    sim.fixRedirects();
    console.log('SIGUSR2: unreadable and redirected blobs now read normally');
  });
}

main().catch((error: unknown) => {
  console.error(`o365-simulator failed to start: ${(error as Error).message}`);
  process.exit(1);
});
