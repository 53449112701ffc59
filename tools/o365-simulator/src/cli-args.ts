// Command-line flags of `node dist/main.js` (npm run simulator -- ...).
import { parseArgs } from 'node:util';
import { isContentType, type ContentType } from '@auditflow/ingestion';
import { UNREADABLE_MODES, type UnreadableMode } from './blob-faults';
import type { SimulatorFaults, SimulatorOptions, StartGuardMode } from './simulator-options';

export const USAGE = `usage: node tools/o365-simulator/dist/main.js [options]
  --port N                  API port (default 7070; 0 = any free port)
  --authority-port N        token authority port (default 0 = any free port)
  --seed N                  data seed (default 1)
  --users N                 users in the tenant (default 50)
  --days N                  days of history before now (default 7)
  --records-per-hour N      records per hour over all content types (default 600)
  --page-size N             content listing page size (default 50)
  --start-guard-ms N        subscription start guard (default 900000 = 15 min)
  --ca-out FILE             write the authority's certificate (PEM) here (default tmp/o365-simulator-ca.pem)
  --faults | --no-faults    preset faults on (throttling 1500/min mixed 403/429, 2% 5xx, 1% resets,
                            1% truncated blobs, 0.2% expired blobs) or off (default off)
  --rate-limit-per-minute N --throttle-status 403|429|mixed --server-error-rate R
  --slow-response-rate R --slow-response-ms N --truncated-body-rate R --connection-reset-rate R
  --expired-blob-rate R --redelivery-rate R --relist-rate R
                            single knobs (override the preset); R is a share 0..1
  --redirect-listing CT[:PAGE]   that listing page (0 = first; CT or 'any') answers 302 to a second origin serving []
  --redirect-blob N[:CT]         N chosen blobs answer 302 to a second origin serving one made-up record
  --unreadable-blobs N[:CT]      N chosen blobs never read (see --unreadable-mode)
  --unreadable-mode M            not-json | gzip-no-header | redirect-loop | trickle (default not-json)
  --trickle-ms N                 trickle: one byte every N ms, forever (default 1000)
  --start-guard MODE             per-content-type (default) | tenant-wide (default guard then 3000 ms)
  --start-guard-hint-ms N        the wait named in the start guard's refusal (default the real remaining time)
                                 SIGUSR2 "fixes" unreadable and redirected blobs (fixUnreadable + fixRedirects)
  --stories                      seed the attack stories (BEC chain, consent grant, password spray, admin
                                 role, DLP leak) into the history (default off; needs --days 2 or more)
  --help`;

export const PRESET_FAULTS: SimulatorFaults = {
  rateLimitPerMinute: 1500,
  throttleStatus: 'mixed',
  serverErrorRate: 0.02,
  truncatedBodyRate: 0.01,
  connectionResetRate: 0.01,
  expiredBlobRate: 0.002,
};

export interface CliOptions {
  readonly help: boolean;
  readonly caOut: string;
  readonly simulator: SimulatorOptions & { authorityPort?: number };
}

function num(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new RangeError(`--${name} needs a number, got "${value}"`);
  return n;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values: v } = parseArgs({
    args: [...argv],
    strict: true,
    allowNegative: true,
    options: {
      help: { type: 'boolean', default: false },
      stories: { type: 'boolean', default: false },
      port: { type: 'string' },
      'authority-port': { type: 'string' },
      seed: { type: 'string' },
      users: { type: 'string' },
      days: { type: 'string' },
      'records-per-hour': { type: 'string' },
      'page-size': { type: 'string' },
      'start-guard-ms': { type: 'string' },
      'ca-out': { type: 'string' },
      faults: { type: 'boolean', default: false },
      'rate-limit-per-minute': { type: 'string' },
      'throttle-status': { type: 'string' },
      'server-error-rate': { type: 'string' },
      'slow-response-rate': { type: 'string' },
      'slow-response-ms': { type: 'string' },
      'truncated-body-rate': { type: 'string' },
      'connection-reset-rate': { type: 'string' },
      'expired-blob-rate': { type: 'string' },
      'redelivery-rate': { type: 'string' },
      'relist-rate': { type: 'string' },
      'redirect-listing': { type: 'string' },
      'redirect-blob': { type: 'string' },
      'unreadable-blobs': { type: 'string' },
      'unreadable-mode': { type: 'string' },
      'trickle-ms': { type: 'string' },
      'start-guard': { type: 'string' },
      'start-guard-hint-ms': { type: 'string' },
    },
  });
  const throttle = v['throttle-status'];
  if (throttle !== undefined && throttle !== '403' && throttle !== '429' && throttle !== 'mixed') {
    throw new RangeError(`--throttle-status must be 403, 429 or mixed, got "${throttle}"`);
  }
  const knobs: SimulatorFaults = {
    rateLimitPerMinute: num('rate-limit-per-minute', v['rate-limit-per-minute']),
    throttleStatus: throttle === undefined ? undefined : throttle === 'mixed' ? 'mixed' : throttle === '403' ? 403 : 429,
    serverErrorRate: num('server-error-rate', v['server-error-rate']),
    slowResponseRate: num('slow-response-rate', v['slow-response-rate']),
    slowResponseMs: num('slow-response-ms', v['slow-response-ms']),
    truncatedBodyRate: num('truncated-body-rate', v['truncated-body-rate']),
    connectionResetRate: num('connection-reset-rate', v['connection-reset-rate']),
    expiredBlobRate: num('expired-blob-rate', v['expired-blob-rate']),
    redeliveryRate: num('redelivery-rate', v['redelivery-rate']),
    relistRate: num('relist-rate', v['relist-rate']),
    redirectListing: redirectListingArg(v['redirect-listing']),
    redirectBlob: blobChoiceArg('redirect-blob', v['redirect-blob']),
    unreadableBlobs: unreadableArg(v['unreadable-blobs'], v['unreadable-mode'], num('trickle-ms', v['trickle-ms'])),
  };
  const startGuard = v['start-guard'];
  if (startGuard !== undefined && startGuard !== 'per-content-type' && startGuard !== 'tenant-wide') {
    throw new RangeError(`--start-guard must be per-content-type or tenant-wide, got "${startGuard}"`);
  }
  const faults: SimulatorFaults = { ...(v.faults ? PRESET_FAULTS : {}) };
  for (const [key, value] of Object.entries(knobs) as [keyof SimulatorFaults, SimulatorFaults[keyof SimulatorFaults]][]) {
    if (value !== undefined) Object.assign(faults, { [key]: value });
  }
  return {
    help: v.help === true,
    caOut: v['ca-out'] ?? 'tmp/o365-simulator-ca.pem',
    simulator: {
      port: num('port', v.port) ?? 7070,
      authorityPort: num('authority-port', v['authority-port']),
      seed: num('seed', v.seed),
      users: num('users', v.users),
      days: num('days', v.days),
      recordsPerHour: num('records-per-hour', v['records-per-hour']),
      pageSize: num('page-size', v['page-size']),
      startGuardInMs: num('start-guard-ms', v['start-guard-ms']),
      startGuard: startGuard as StartGuardMode | undefined,
      startGuardHintMs: num('start-guard-hint-ms', v['start-guard-hint-ms']),
      faults,
      stories: v.stories === true,
    },
  };
}

function contentTypeArg(flag: string, value: string | undefined): ContentType | undefined {
  if (value === undefined || value === 'any') return undefined;
  if (!isContentType(value)) throw new RangeError(`--${flag}: "${value}" is not a content type (or 'any')`);
  return value;
}

/** `CT[:PAGE]`, e.g. `Audit.Exchange:0` or `any:1`. */
function redirectListingArg(value: string | undefined): SimulatorFaults['redirectListing'] {
  if (value === undefined) return undefined;
  const [ct, page] = value.split(':');
  return { contentType: contentTypeArg('redirect-listing', ct), page: num('redirect-listing', page) ?? 0 };
}

/** `N[:CT]`, e.g. `1` or `2:Audit.SharePoint`. */
function blobChoiceArg(flag: string, value: string | undefined): SimulatorFaults['redirectBlob'] {
  if (value === undefined) return undefined;
  const [count, ct] = value.split(':');
  return { count: num(flag, count), contentType: contentTypeArg(flag, ct) };
}

function unreadableArg(value: string | undefined, mode: string | undefined, trickleMs: number | undefined): SimulatorFaults['unreadableBlobs'] {
  if (mode !== undefined && !(UNREADABLE_MODES as readonly string[]).includes(mode)) {
    throw new RangeError(`--unreadable-mode must be one of ${UNREADABLE_MODES.join(', ')}, got "${mode}"`);
  }
  const choice = blobChoiceArg('unreadable-blobs', value);
  if (!choice) return undefined;
  return { ...choice, mode: mode as UnreadableMode | undefined, trickleMs };
}
