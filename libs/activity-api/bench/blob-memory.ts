// Benchmark (issue 13, memory): the peak RSS rise of fetchContent for one 50 MiB blob, measured in
// a child process (nothing else in its RSS) with getrusage's maxRSS (the kernel's high-water mark,
// not a sample). Printed beside the blob's size (the goal: rise <= 2x), the rise of the naive way
// in the same run (whole body -> string -> JSON.parse) and what the parsed records alone retain
// after a GC (the floor no parser can go under: fetchContent returns them).
//
//   npm run bench:memory          (BENCH_BLOB_MIB=50, BENCH_RUNS=3; about 30 s)
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const blobMiB = Number(process.env.BENCH_BLOB_MIB ?? 50);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const here = __dirname;
const MiB = 1024 * 1024;

/** A realistic audit record (~1.2 KB: common fields, nested extended properties, unique Id). */
function record(i: number): Record<string, unknown> {
  const id = `${(i * 2654435761 >>> 0).toString(16).padStart(8, '0')}-1b2c-4d3e-8f40-${i.toString(16).padStart(12, '0')}`;
  return {
    CreationTime: new Date(Date.UTC(2026, 10, 30, 0, 0, i % 86_400)).toISOString().slice(0, 19),
    Id: id,
    Operation: ['FileAccessed', 'UserLoggedIn', 'MailItemsAccessed', 'Set-Mailbox'][i % 4],
    OrganizationId: '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
    RecordType: [6, 15, 50, 1][i % 4],
    UserKey: `i:0h.f|membership|10032001${i % 997}@live.com`,
    UserType: 0,
    Version: 1,
    Workload: ['SharePoint', 'AzureActiveDirectory', 'Exchange', 'Exchange'][i % 4],
    ClientIP: `203.0.113.${i % 250}:${40000 + (i % 20000)}`,
    ObjectId: `https://contoso.sharepoint.com/sites/finance/Shared Documents/Quarter ${i % 4}/report-${i}.xlsx`,
    UserId: `user${i % 500}@contoso.onmicrosoft.com`,
    ResultStatus: 'Succeeded',
    ExtendedProperties: [
      { Name: 'UserAgent', Value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36' },
      { Name: 'RequestType', Value: 'OAuth2:Token' },
      { Name: 'ResultStatusDetail', Value: 'Redirect' },
    ],
    Actor: [{ ID: `user${i % 500}@contoso.onmicrosoft.com`, Type: 5 }, { ID: `1003200${i % 997}`, Type: 3 }],
    SiteUrl: 'https://contoso.sharepoint.com/sites/finance/',
    SourceFileName: `report-${i}.xlsx`,
    SourceRelativeUrl: `Shared Documents/Quarter ${i % 4}`,
    ApplicationDisplayName: 'Microsoft Office',
    DeviceProperties: [{ Name: 'OS', Value: 'Windows 10' }, { Name: 'BrowserType', Value: 'Edge' }, { Name: 'IsCompliantAndManaged', Value: 'False' }],
  };
}

function blobOf(bytes: number): { body: Buffer; records: number } {
  const parts: string[] = [];
  let size = 2;
  let i = 0;
  while (size < bytes) {
    const text = JSON.stringify(record(i++));
    parts.push(text);
    size += text.length + 1;
  }
  return { body: Buffer.from(`[${parts.join(',')}]`, 'utf8'), records: i };
}

function runChild(url: string, mode: 'client' | 'naive'): Promise<{ peakRise: number; retained: number; ms: number; records: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, 'blob-memory-child.ts'), url, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')) : reject(new Error(`child (${mode}) exited with ${code}`))));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

async function main(): Promise<void> {
  const blob = blobOf(blobMiB * MiB);
  const small = Buffer.from(JSON.stringify([record(0)]));
  const server = createServer((req, res) => {
    const body = req.url?.includes('warmup=1') ? small : blob.body;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1.0/5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6/activity/feed/audit/bench-blob`;
  try {
    const client = [];
    for (let r = 0; r < runs; r++) client.push(await runChild(url, 'client'));
    const naive = await runChild(url, 'naive');
    const rise = median(client.map((c) => c.peakRise));
    console.log(`blob: ${mib(blob.body.length)} (${blob.body.length} bytes, ${blob.records} records)`);
    console.log(`fetchContent peak RSS rise, median of ${runs}: ${mib(rise)} = ${(rise / blob.body.length).toFixed(2)}x the blob (goal <= 2.00x); runs: ${client.map((c) => `${mib(c.peakRise)} in ${c.ms} ms`).join(', ')}`);
    console.log(`records alone (V8 heap after a GC; the floor, fetchContent returns them): ${mib(median(client.map((c) => c.retained)))} = ${(median(client.map((c) => c.retained)) / blob.body.length).toFixed(2)}x`);
    console.log(`naive whole-body parse, same run: ${mib(naive.peakRise)} = ${(naive.peakRise / blob.body.length).toFixed(2)}x in ${naive.ms} ms`);
  } finally {
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
