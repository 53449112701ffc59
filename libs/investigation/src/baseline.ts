// The first-seen baseline behind "new for the user" indicators and windowed counts, kept
// incrementally: evaluateIndicators reads only the keys its new events touch (baselineKeysFor
// says which, so a store can load exactly those) and returns the entries to write back. No call
// ever rescans the event store.

/**
 * What a baseline remembers: `kind` names the relation (BASELINE_KINDS), `subject` the entity it
 * is about (a user, an IP, a user+IP+bucket), `value` the thing seen (an IP, a country, a file).
 */
export interface BaselineKey {
  readonly kind: string;
  readonly subject: string;
  readonly value: string;
}

export interface BaselineEntry extends BaselineKey {
  readonly firstSeen: string;
  readonly lastSeen: string;
  /** Events counted for this key (for volume baselines, the summed volume). */
  readonly count: number;
}

/** Read side, synchronous: the caller loads the entries of baselineKeysFor(newEvents) first. */
export interface BaselineView {
  get(kind: string, subject: string, value: string): BaselineEntry | undefined;
  /**
   * The earliest firstSeen of any value of (kind, subject), or undefined when none is known: tells
   * whether the subject has history long enough to call something "new" (the learning period).
   */
  subjectSince(kind: string, subject: string): string | undefined;
  /** Distinct values known for (kind, subject) (windowed distinct counts, e.g. files per bucket). */
  distinctValues(kind: string, subject: string): number;
}

/**
 * An entry to write (upsert by key): merge with a stored one by min(firstSeen), max(lastSeen) and
 * the count given here (already the merged total: evaluateIndicators starts from the view).
 */
export type BaselineUpdate = BaselineEntry;

/** Baseline relations the indicators keep. */
export const BASELINE_KINDS = {
  userIp: 'user-ip', // subject user, value IP (sign-ins)
  userCountry: 'user-country', // subject user, value country
  userApp: 'user-consent-app', // subject user, value app consented to
  userMailApp: 'user-mail-app', // subject user, value ClientAppId reading mail
  mailVolume: 'user-mail-volume', // subject user, value 'total': count = MailItemsAccessed volume
  delegator: 'actor-delegation', // subject actor, value 'any'
  downloadBucket: 'download-bucket', // subject user|ip|bucket, value file
  failureBucketIp: 'failure-ip-bucket', // subject ip|bucket, value user
  failureBucketUser: 'failure-user-bucket', // subject user|bucket, value event id
  forwardDestination: 'forward-destination', // subject destination, value user
  tenantIp: 'tenant-ip', // subject IP, value 'seen': when the tenant first and last saw an address
  tenantSince: 'tenant-since', // subject 'tenant', value 'first': the tenant's first event (its learning period)
  newIpDownloads: 'new-ip-downloads', // subject user|ip|day, value file
} as const;

/** An empty view (a tenant's first evaluation). */
export const EMPTY_BASELINE: BaselineView = {
  get: () => undefined,
  subjectSince: () => undefined,
  distinctValues: () => 0,
};

/** A view over entries in memory: what a store can build from the rows it loaded, and tests use. */
export function baselineFromEntries(entries: Iterable<BaselineEntry>): BaselineView & { readonly size: number } {
  const byKey = new Map<string, BaselineEntry>();
  const subjects = new Map<string, { since: string; values: number }>();
  for (const e of entries) {
    const key = keyOf(e.kind, e.subject, e.value);
    const old = byKey.get(key);
    byKey.set(key, old ? mergeEntry(old, e) : e);
  }
  for (const e of byKey.values()) {
    const s = subjectKey(e.kind, e.subject);
    const cur = subjects.get(s);
    if (!cur) subjects.set(s, { since: e.firstSeen, values: 1 });
    else subjects.set(s, { since: e.firstSeen < cur.since ? e.firstSeen : cur.since, values: cur.values + 1 });
  }
  return {
    size: byKey.size,
    get: (kind, subject, value) => byKey.get(keyOf(kind, subject, value)),
    subjectSince: (kind, subject) => subjects.get(subjectKey(kind, subject))?.since,
    distinctValues: (kind, subject) => subjects.get(subjectKey(kind, subject))?.values ?? 0,
  };
}

/** The merge rule a store applies on upsert (commutative and idempotent). */
export function mergeEntry(a: BaselineEntry, b: BaselineEntry): BaselineEntry {
  return {
    kind: a.kind,
    subject: a.subject,
    value: a.value,
    firstSeen: a.firstSeen < b.firstSeen ? a.firstSeen : b.firstSeen,
    lastSeen: a.lastSeen > b.lastSeen ? a.lastSeen : b.lastSeen,
    count: Math.max(a.count, b.count),
  };
}

export function keyOf(kind: string, subject: string, value: string): string {
  return `${kind}\u0000${subject}\u0000${value}`;
}

function subjectKey(kind: string, subject: string): string {
  return `${kind}\u0000${subject}`;
}
