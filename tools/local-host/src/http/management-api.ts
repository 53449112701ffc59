// The Durable Functions HTTP management API under /runtime/webhooks/durabletask/, as the
// extension serves it (start, status, list with continuation, raiseEvent, terminate, purge).
// Every refusal is a LocalHostError answered with its status and a message saying what to do.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DurableEngine } from '../engine/engine';
import { instanceView } from '../engine/instance-view';
import { TERMINAL_STATUSES } from '../engine/store';
import { isLocalHostError, LocalHostError } from '../local-host-error';
import { managementUrls, type ClientBindingOptions } from './client-binding';
import { header, readBody, safeDecode, sendError, sendJson } from './http-util';
import { decodeContinuation, encodeContinuation, parseFilter, parseFlag, parseTop } from './management-query';

export const MANAGEMENT_PREFIX = '/runtime/webhooks/durabletask/';
/** What a purge by filter may name: the terminal statuses, and Canceled, terminal for the extension too (IsCompletedStatus) though it never occurs here. */
const PURGEABLE_STATUSES: readonly string[] = [...TERMINAL_STATUSES, 'Canceled'];
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

export async function handleManagement(engine: DurableEngine, binding: ClientBindingOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    await route(engine, binding, req, res, url);
  } catch (error) {
    if (!isLocalHostError(error)) throw error;
    const headers: Record<string, string> = error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {};
    sendJson(res, error.statusCode, { error: { code: error.code, message: error.message } }, headers);
  }
}

async function route(engine: DurableEngine, binding: ClientBindingOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parts = url.pathname.slice(MANAGEMENT_PREFIX.length).split('/').map(safeDecode);
  const method = req.method ?? 'GET';
  const q = url.searchParams;
  const [root, a, b, c] = parts;

  if (root === 'orchestrators' && a && method === 'POST' && parts.length <= 3) {
    const text = (await readBody(req)).toString('utf8').trim();
    if (text) {
      try {
        JSON.parse(text);
      } catch {
        throw new LocalHostError('InvalidInput', 'The request body must be JSON (the orchestration input).', 400);
      }
    }
    const id = engine.startNew(a, b || undefined, text || undefined);
    const payload = managementUrls(binding, id);
    sendJson(res, 202, payload, { location: payload.statusQueryGetUri!, 'retry-after': '10' });
    return;
  }

  if (root !== 'instances') {
    sendError(res, 404, 'NotFound', `No management route ${method} ${url.pathname}.`);
    return;
  }

  if (!a) {
    if (method === 'GET') return list(engine, req, res, q);
    if (method === 'DELETE') return purgeMany(engine, res, q);
    sendError(res, 405, 'MethodNotAllowed', `${method} is not supported on instances/.`);
    return;
  }

  if (method === 'GET' && !b) {
    const options = { showInput: parseFlag(q, 'showInput', true), showHistory: parseFlag(q, 'showHistory', false), showHistoryOutput: parseFlag(q, 'showHistoryOutput', false) };
    const row = engine.store.getInstance(a);
    if (!row) {
      sendJson(res, 404, undefined);
      return;
    }
    const body = instanceView(engine.store, row, options);
    const status = row.status === 'Completed' ? 200 : row.status === 'Failed' || row.status === 'Terminated' ? 400 : 202;
    const headers: Record<string, string> = status === 202 ? { location: managementUrls(binding, a).statusQueryGetUri!, 'retry-after': '10' } : {};
    sendJson(res, status, body, headers);
    return;
  }
  if (method === 'DELETE' && !b) {
    const deleted = engine.purge(a);
    sendJson(res, deleted ? 200 : 404, { instancesDeleted: deleted });
    return;
  }
  if (method === 'POST' && b === 'raiseEvent' && c) {
    const text = (await readBody(req)).toString('utf8').trim();
    answer(res, engine.raiseEvent(a, c, text || undefined));
    return;
  }
  if (method === 'POST' && b === 'terminate') {
    answer(res, engine.terminate(a, q.get('reason') ?? ''));
    return;
  }
  sendError(res, 404, 'NotFound', `No management route ${method} ${url.pathname} (rewind, suspend and resume are not supported by the local host).`);
}

function answer(res: ServerResponse, outcome: 'ok' | 'not-found' | 'gone'): void {
  if (outcome === 'ok') sendJson(res, 202, undefined);
  else if (outcome === 'not-found') sendError(res, 404, 'InstanceNotFound', 'No instance with this id.');
  else sendError(res, 410, 'InstanceCompleted', 'The instance has already finished.');
}

function list(engine: DurableEngine, req: IncomingMessage, res: ServerResponse, q: URLSearchParams): void {
  const filter = parseFilter(q);
  const top = parseTop(q, DEFAULT_PAGE, MAX_PAGE);
  const showInput = parseFlag(q, 'showInput', true);
  const after = decodeContinuation(header(req, 'x-ms-continuation-token'));
  const rows = engine.store.list({ ...filter, ...(after ? { after } : {}), top: top + 1 });
  const page = rows.slice(0, top);
  const headers: Record<string, string> = {};
  if (rows.length > top) {
    const last = page[page.length - 1]!;
    headers['x-ms-continuation-token'] = encodeContinuation({ createdAt: last.created_at, id: last.id });
  }
  sendJson(res, 200, page.map((r) => instanceView(engine.store, r, { showInput })), headers);
}

/**
 * `DELETE instances?createdTimeFrom=&createdTimeTo=&runtimeStatus=`, as the extension's
 * HandleDeleteHistoryWithFiltersRequestAsync: createdTimeFrom required (400), createdTimeTo
 * defaults to now, 404 when nothing was deleted. Stricter on purpose: a runtimeStatus naming an
 * unfinished status is refused (the extension hands it to the provider, and Azure Storage could
 * delete a running instance's history under its parent), and so is instanceIdPrefix (the
 * extension ignores it there, so the purge would take every instance of the time range).
 */
function purgeMany(engine: DurableEngine, res: ServerResponse, q: URLSearchParams): void {
  const filter = parseFilter(q);
  if (!filter.createdTimeFrom) {
    throw new LocalHostError('InvalidQuery', "Please provide value for 'createdTimeFrom' parameter (a purge by filter needs its lower bound, e.g. createdTimeFrom=1970-01-01T00:00:00Z).", 400);
  }
  if (filter.instanceIdPrefix !== undefined) {
    throw new LocalHostError('InvalidQuery', 'instanceIdPrefix is not a purge filter: the Durable extension ignores it and would purge every instance of the time range. Purge one instance with DELETE instances/{id}, or filter by createdTimeFrom/createdTimeTo/runtimeStatus.', 400);
  }
  const unfinished = filter.runtimeStatus?.filter((s) => !PURGEABLE_STATUSES.includes(s));
  if (unfinished?.length) {
    throw new LocalHostError('InvalidQuery', `Purge removes only finished instances (${PURGEABLE_STATUSES.join(', ')}); runtimeStatus names ${unfinished.join(', ')}: terminate those instances first.`, 400);
  }
  const rows = engine.store.list({ ...filter, top: 1_000_000 });
  let deleted = 0;
  for (const r of rows) if (TERMINAL_STATUSES.includes(r.status)) deleted += engine.purge(r.id);
  sendJson(res, deleted ? 200 : 404, { instancesDeleted: deleted });
}
