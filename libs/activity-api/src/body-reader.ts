// Reads a response body with a byte cap. Past the cap it stops reading and aborts the request, so a
// huge blob (or a gzip bomb: the cap counts decoded bytes) costs at most `maxBytes` of memory. A
// blob's JSON array is parsed element by element as it arrives (json-array-reader.ts): the body is
// never held whole next to its records.
import { ManagementApiError } from './management-api-error';
import { JsonArrayReader } from './json-array-reader';

export interface ReadBodyContext {
  readonly operation: string;
  readonly requestId?: string;
  /** Aborts the underlying request when reading stops early. */
  readonly abort: () => void;
}

/** Calls onChunk for each chunk until the body ends, onChunk returns false, or the cap is passed (BlobTooLarge). */
async function readChunks(response: Response, maxBytes: number, context: ReadBodyContext, onChunk: (chunk: Uint8Array) => boolean): Promise<number> {
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
  if (!response.body) return 0;
  const reader = response.body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
    if (total > maxBytes) {
      context.abort();
      await reader.cancel().catch(() => undefined);
      throw tooLarge(total);
    }
    if (!onChunk(value)) {
      context.abort();
      await reader.cancel().catch(() => undefined);
      return total;
    }
  }
}

export async function readBodyText(response: Response, maxBytes: number, context: ReadBodyContext): Promise<string> {
  const chunks: Uint8Array[] = [];
  const total = await readChunks(response, maxBytes, context, (chunk) => chunks.push(chunk) > 0);
  return Buffer.concat(chunks, total).toString('utf8');
}

/**
 * A blob body: its JSON array parsed as it streams in. A body that is not an array at all (an
 * object, HTML, gzip bytes without Content-Encoding) is read whole and parsed once, so the caller
 * gets what it always got: the value (InvalidResponse follows) or InvalidJson. Broken or cut-off
 * arrays are InvalidJson (transient: the content may read next time), as before.
 */
export async function readJsonArrayBody(response: Response, maxBytes: number, context: ReadBodyContext & { statusCode: number }): Promise<unknown> {
  const array = new JsonArrayReader();
  let whole: Uint8Array[] | undefined;
  let invalid: string | undefined;
  await readChunks(response, maxBytes, context, (chunk) => {
    if (whole) return whole.push(chunk) > 0;
    const problem = array.push(chunk);
    if (problem?.kind === 'not-an-array') whole = [chunk];
    else if (problem) invalid = problem.message;
    return invalid === undefined; // a certain problem: stop reading (the request is aborted)
  });
  if (whole) return parseJson(Buffer.concat(whole).toString('utf8'), context);
  const result = invalid === undefined ? array.end() : { kind: 'invalid' as const, message: invalid };
  if ('items' in result) return result.items;
  if (result.kind === 'not-an-array') return parseJson('', context);
  throw invalidJson(result.message, context);
}

/** JSON.parse with a typed error; `transient` decides whether a retry may help (GETs: yes). */
export function parseJson(text: string, context: { operation: string; statusCode: number; requestId?: string }): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidJson(`${text.length} characters, possibly truncated: ${(error as Error).message}`, context);
  }
}

function invalidJson(detail: string, context: { operation: string; statusCode: number; requestId?: string }): ManagementApiError {
  return new ManagementApiError({
    code: 'InvalidJson',
    category: 'transient',
    statusCode: context.statusCode,
    requestId: context.requestId,
    operation: context.operation,
    apiMessage: `the body is not JSON (${detail})`,
    action: 'retry; if it persists the API is returning broken content',
  });
}
