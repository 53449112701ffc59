// fetchContent parses a blob as it streams in (issue 13): over real sockets, records split at every
// byte still come out whole; a cut-off or broken array is InvalidJson (and reading stops at the
// first certain problem); a gzip bomb stops at maxBlobBytes of DECODED bytes.
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ManagementApiClient } from '../src/index';
import { failure, fakeApiPerTest, TEST_TENANT } from './api-test-kit';
import { fakeCredential, type FakeApi } from './fake-api-server';

const TENANT = TEST_TENANT;
const api = fakeApiPerTest();

const clientFor = (server: FakeApi, maxBlobBytes?: number) =>
  new ManagementApiClient({
    tenantId: TENANT,
    credential: fakeCredential(),
    apiBaseUrl: server.url,
    retry: { maxRetries: 1, baseDelayInMs: 1, maxDelayInMs: 2 },
    ...(maxBlobBytes ? { maxBlobBytes } : {}),
  });
const blobUri = (server: FakeApi) => `${server.url}/api/v1.0/${TENANT}/activity/feed/audit/blob-1`;

const RECORDS = Array.from({ length: 40 }, (_, i) => ({ Id: `id-${i}`, Operation: 'FileAccessed', Text: `quote " backslash \\ ü 😀 ${i}`, Nested: [{ a: [i] }] }));

/** Writes the body in pieces of 1..7 bytes, each in its own write (separate TCP segments mostly). */
async function dribble(res: ServerResponse, body: Buffer): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  for (let offset = 0, n = 0; offset < body.length; n++) {
    const size = 1 + (n % 7);
    res.write(body.subarray(offset, offset + size));
    offset += size;
    if (n % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

describe('fetchContent streams the blob', () => {
  it('records split at any byte (multi-byte characters, escapes) come out whole', async () => {
    const server = await api((_req, res) => dribble(res, Buffer.from(JSON.stringify(RECORDS))));
    expect(await clientFor(server).fetchContent(blobUri(server))).toEqual(RECORDS);
  });

  it('an array cut off mid-record (clean end, no length) is InvalidJson, retried, then final', async () => {
    const text = JSON.stringify(RECORDS);
    const server = await api((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(text.slice(0, Math.floor(text.length / 2)));
    });
    const error = await failure(clientFor(server).fetchContent(blobUri(server)));
    expect(error).toMatchObject({ code: 'InvalidJson', category: 'transient' });
    expect(error.message).toContain('truncated');
    expect(server.requests).toHaveLength(2);
  });

  it('stops reading at the first broken record instead of downloading the rest', async () => {
    let written = 0;
    let closedEarly = false;
    const total = 200 * 1024 * 1024;
    const server = await api((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[{"Id":"a"},{"Id":}');
      written = 19;
      const filler = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (written < total) {
          written += filler.length;
          if (!res.write(filler)) return void res.once('drain', pump);
        }
        res.end(']');
      };
      res.on('close', () => (closedEarly = written < total));
      pump();
    });
    const error = await failure(clientFor(server).fetchContent(blobUri(server)));
    expect(error).toMatchObject({ code: 'InvalidJson', category: 'transient' });
    expect(error.message).toContain('element 1 is not JSON');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(total / 4);
  });

  it('a gzip bomb stops at maxBlobBytes of decoded bytes (BlobTooLarge, content-lost)', async () => {
    // ~30 MiB of JSON compresses to well under 1 MiB; the cap is 10 MiB.
    const record = JSON.stringify({ Id: 'x', Pad: ' '.repeat(1000) });
    const decoded = `[${Array.from({ length: 30_000 }, () => record).join(',')}]`;
    const compressed = gzipSync(decoded);
    expect(compressed.length).toBeLessThan(2 * 1024 * 1024);
    const server = await api((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': compressed.length });
      res.end(compressed);
    });
    const error = await failure(clientFor(server, 10 * 1024 * 1024).fetchContent(blobUri(server)));
    expect(error).toMatchObject({ code: 'BlobTooLarge', category: 'content-lost' });
  });

  it('gzip bytes sent without Content-Encoding are InvalidJson, not records', async () => {
    const body = gzipSync(JSON.stringify(RECORDS));
    const server = await api((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
    expect(await failure(clientFor(server).fetchContent(blobUri(server)))).toMatchObject({ code: 'InvalidJson', category: 'transient' });
  });
});
