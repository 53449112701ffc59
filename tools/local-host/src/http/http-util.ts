// Small helpers of the HTTP layer: bodies, JSON answers and the key check.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { LocalHostError } from '../local-host-error';

/** The largest request body the host reads (the Functions host's own limit is larger; inputs here are ids and counts). */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/**
 * Reads the body; one over `limit` is a 413 naming the limit. The rest of an oversized body is
 * read and dropped (so the client gets the answer instead of a reset), up to 4x the limit.
 */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
    else if (size > 4 * limit) break;
  }
  if (size > limit) {
    throw new LocalHostError('RequestBodyTooLarge', `The request body (${size > 4 * limit ? 'more than ' + 4 * limit : size} bytes) is over the local host's limit of ${limit} bytes (${+(limit / 1048576).toFixed(2)} MiB): send less (orchestration inputs and HTTP bodies here are ids and settings, not data).`, 413);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

/** True when the request carries `key` as `?code=` or the `x-functions-key` header (as the Functions host reads keys). */
export function hasKey(req: IncomingMessage, url: URL, key: string): boolean {
  const given = url.searchParams.get('code') ?? header(req, 'x-functions-key');
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** decodeURIComponent that leaves a malformed escape as sent (instead of throwing: a 500). */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
