// Reads a response body with a byte cap and parses it once. Past the cap it stops reading and
// aborts the request, so a huge blob costs at most `maxBytes` of memory.
import { ManagementApiError } from './management-api-error';

export interface ReadBodyContext {
  readonly operation: string;
  readonly requestId?: string;
  /** Aborts the underlying request when reading stops early. */
  readonly abort: () => void;
}

export async function readBodyText(response: Response, maxBytes: number, context: ReadBodyContext): Promise<string> {
  const tooLarge = (seen: number) =>
    new ManagementApiError({
      code: 'BlobTooLarge',
      category: 'content-lost',
      statusCode: response.status,
      requestId: context.requestId,
      operation: context.operation,
      apiMessage: `the body is larger than ${maxBytes} bytes (at least ${seen})`,
      action: 'record the blob as a gap, or raise AUDITFLOW_MAX_BLOB_BYTES if this size is expected',
    });
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    context.abort();
    throw tooLarge(declared);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      context.abort();
      await reader.cancel().catch(() => undefined);
      throw tooLarge(total);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** JSON.parse with a typed error; `transient` decides whether a retry may help (GETs: yes). */
export function parseJson(text: string, context: { operation: string; statusCode: number; requestId?: string }): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ManagementApiError({
      code: 'InvalidJson',
      category: 'transient',
      statusCode: context.statusCode,
      requestId: context.requestId,
      operation: context.operation,
      apiMessage: `the body is not JSON (${text.length} characters, possibly truncated): ${(error as Error).message}`,
      action: 'retry; if it persists the API is returning broken content',
    });
  }
}
