#!/usr/bin/env node
// Bundles one entry point of a project into a CommonJS file for Node 20+.
// Workspace libraries (@auditflow/*) are bundled in through tsconfig paths; npm packages stay
// external and load from node_modules, so the local host can intercept @azure/functions-core
// exactly where the Functions worker would provide it.
// usage: bundle.mjs <entry.ts> <out.js> [more entry=out pairs]
import { build } from 'esbuild';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [entry, outfile, ...rest] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: bundle.mjs <entry.ts> <out.js> [entry2.ts=out2.js ...]');
  process.exit(2);
}
const pairs = [[entry, outfile], ...rest.map((p) => p.split('='))];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
for (const [inFile, outFile] of pairs) {
  await build({
    entryPoints: [inFile],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    packages: 'external',
    tsconfig: resolve(root, 'tsconfig.base.json'),
    logLevel: 'warning',
  });
}
