// Checks shared by both adapters' paged reads: bounded page sizes and filter lists, and the digest
// that ties a continuation token to its query.
import { DEFAULT_PAGE_SIZE, MAX_FILTER_VALUES, MAX_PAGE_SIZE, type EventPageQuery, type FindingQuery } from '../investigation-ports';
import { StorageError } from '../storage-error';
import { queryDigest } from './continuation-token';

export interface CheckedPage {
  readonly limit: number;
  readonly descending: boolean;
  readonly digest: string;
}

export function checkEventPageQuery(query: EventPageQuery): CheckedPage {
  const problems: string[] = [];
  checkCommon(query.tenantId, query.limit, problems);
  for (const name of ['operations', 'workloads', 'contentTypes', 'results'] as const) {
    const list = query[name];
    if (list !== undefined && (list.length === 0 || list.length > MAX_FILTER_VALUES)) {
      problems.push(`${name} must list 1..${MAX_FILTER_VALUES} values`);
    }
  }
  if (query.order !== undefined && query.order !== 'asc' && query.order !== 'desc') problems.push("order must be 'asc' or 'desc'");
  if (problems.length > 0) throw new StorageError('InvalidQuery', 400, `pageEvents: ${problems.join('; ')}.`);
  const { limit: _l, continuationToken: _c, includeRaw: _r, ...filters } = query;
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, descending: query.order === 'desc', digest: queryDigest({ kind: 'events', ...filters }) };
}

export function checkFindingQuery(query: FindingQuery): CheckedPage {
  const problems: string[] = [];
  checkCommon(query.tenantId, query.limit, problems);
  if (problems.length > 0) throw new StorageError('InvalidQuery', 400, `queryFindings: ${problems.join('; ')}.`);
  const { limit: _l, continuationToken: _c, ...filters } = query;
  return { limit: query.limit ?? DEFAULT_PAGE_SIZE, descending: true, digest: queryDigest({ kind: 'findings', ...filters }) };
}

function checkCommon(tenantId: string, limit: number | undefined, problems: string[]): void {
  if (typeof tenantId !== 'string' || tenantId === '') problems.push('tenantId must be a non-empty string');
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) {
    problems.push(`limit must be an integer 1..${MAX_PAGE_SIZE}, got ${String(limit)}`);
  }
}
