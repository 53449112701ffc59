// Reads a request body up to a limit. Past it the request gets 413 with the limit instead of the
// whole body being buffered (or the host's own failure surfacing as a 500).
import type { HttpRequest } from '@azure/functions';

export type LimitedBody = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly seenBytes: number };

export async function readBodyLimited(
  request: Pick<HttpRequest, 'text'> & Partial<Pick<HttpRequest, 'headers' | 'body'>>,
  limitInBytes: number,
): Promise<LimitedBody> {
  const declared = Number(request.headers?.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limitInBytes) return { ok: false, seenBytes: declared };
  if (!request.body) {
    // A caller that already holds the body as text (the console's rerun view): same limit.
    const text = request.headers === undefined ? await request.text() : '';
    const bytes = Buffer.byteLength(text, 'utf8');
    return bytes > limitInBytes ? { ok: false, seenBytes: bytes } : { ok: true, text };
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitInBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, seenBytes: total };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
}
