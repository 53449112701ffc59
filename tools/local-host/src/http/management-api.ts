// The Durable Functions HTTP management API under /runtime/webhooks/durabletask/, as the
// extension serves it (start, status, list with continuation, raiseEvent, terminate, purge).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DurableEngine } from '../engine/engine';
import { instanceView } from '../engine/instance-view';
import { TERMINAL_STATUSES, type InstanceRow, type ListFilter } from '../engine/store';
import { isLocalHostError } from '../local-host-error';
import { managementUrls, type ClientBindingOptions } from './client-binding';
import { header, readBody, safeDecode, sendError, sendJson } from './http-util';

export const MANAGEMENT_PREFIX = '/runtime/webhooks/durabletask/';
const DEFAULT_PAGE = 100;

export async function handleManagement(
  engine: DurableEngine,
  binding: ClientBindingOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
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
        sendError(res, 400, 'InvalidInput', 'The request body must be JSON (the orchestration input).');
        return;
      }
    }
    try {
      const id = engine.startNew(a, b || undefined, text || undefined);
      const payload = managementUrls(binding, id);
      sendJson(res, 202, payload, { location: payload.statusQueryGetUri!, 'retry-after': '10' });
    } catch (error) {
      if (isLocalHostError(error)) sendError(res, error.statusCode, error.code, error.message);
      else throw error;
    }
    return;
  }

  if (root !== 'instances') {
    sendError(res, 404, 'NotFound', `No management route ${method} ${url.pathname}.`);
    return;
  }

  const store = engine.store;
  if (!a) {
    if (method === 'GET') return list(engine, req, res, q);
    if (method === 'DELETE') return purgeMany(engine, res, q);
    sendError(res, 405, 'MethodNotAllowed', `${method} is not supported on instances/.`);
    return;
  }

  const row = store.getInstance(a);
  if (method === 'GET' && !b) {
    if (!row) {
      sendJson(res, 404, undefined);
      return;
    }
    const body = instanceView(store, row, {
      showInput: q.get('showInput') !== 'false',
      showHistory: q.get('showHistory') === 'true',
      showHistoryOutput: q.get('showHistoryOutput') === 'true',
    });
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

function parseFilter(q: URLSearchParams): Omit<ListFilter, 'top'> {
  const statuses = q.get('runtimeStatus')?.split(',').map((s) => s.trim()).filter(Boolean);
  const time = (name: string): string | undefined => {
    const v = q.get(name);
    if (!v) return undefined;
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new Error(`${name} is not a date`);
    return d.toISOString();
  };
  return {
    ...(statuses?.length ? { runtimeStatus: statuses } : {}),
    ...(time('createdTimeFrom') ? { createdTimeFrom: time('createdTimeFrom')! } : {}),
    ...(time('createdTimeTo') ? { createdTimeTo: time('createdTimeTo')! } : {}),
    ...(q.get('instanceIdPrefix') ? { instanceIdPrefix: q.get('instanceIdPrefix')! } : {}),
  };
}

function list(engine: DurableEngine, req: IncomingMessage, res: ServerResponse, q: URLSearchParams): void {
  let filter: Omit<ListFilter, 'top'>;
  let after: ListFilter['after'];
  try {
    filter = parseFilter(q);
    const token = header(req, 'x-ms-continuation-token');
    if (token) after = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as ListFilter['after'];
  } catch (error) {
    sendError(res, 400, 'InvalidQuery', `Bad filter or continuation token: ${(error as Error).message}.`);
    return;
  }
  const top = Math.max(1, Math.min(Number(q.get('top')) || DEFAULT_PAGE, 1000));
  const rows = engine.store.list({ ...filter, ...(after ? { after } : {}), top: top + 1 });
  const page = rows.slice(0, top);
  const headers: Record<string, string> = {};
  if (rows.length > top) {
    const last = page[page.length - 1]!;
    headers['x-ms-continuation-token'] = Buffer.from(JSON.stringify({ createdAt: last.created_at, id: last.id })).toString('base64url');
  }
  const showInput = q.get('showInput') !== 'false';
  sendJson(res, 200, page.map((r) => instanceView(engine.store, r, { showInput })), headers);
}

function purgeMany(engine: DurableEngine, res: ServerResponse, q: URLSearchParams): void {
  let filter: Omit<ListFilter, 'top'>;
  try {
    filter = parseFilter(q);
  } catch (error) {
    sendError(res, 400, 'InvalidQuery', (error as Error).message);
    return;
  }
  const rows: InstanceRow[] = engine.store.list({ ...filter, top: 1_000_000 });
  let deleted = 0;
  for (const r of rows) if (TERMINAL_STATUSES.includes(r.status)) deleted += engine.purge(r.id);
  sendJson(res, deleted ? 200 : 404, { instancesDeleted: deleted });
}
