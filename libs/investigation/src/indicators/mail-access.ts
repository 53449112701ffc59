// Abnormal mailbox reading: MailItemsAccessed throttled (Microsoft: more than 1,000 records in
// 24 h throttles its auditing), or a user's volume in a bucket far above that user's own mean.
import { BASELINE_KINDS } from '../baseline';
import { field, nameValues } from '../record-readers';
import { actorRefs, ref } from './entities';
import type { EventDocument } from '@auditflow/ingestion';
import type { EntityRef } from '../model';
import { bucketStart, daysBetween, type IndicatorRule, type RuleState } from './indicator';

/** Items one MailItemsAccessed record stands for: OperationCount (Bind roll-ups), else the items listed, else 1. */
export function mailItemsOf(raw: Readonly<Record<string, unknown>>): number {
  const n = Number(field(raw, 'OperationCount'));
  if (Number.isFinite(n) && n >= 1) return Math.floor(n);
  const folders = field(raw, 'Folders');
  let items = 0;
  if (Array.isArray(folders)) {
    for (const f of folders) {
      const list = typeof f === 'object' && f !== null ? (f as Record<string, unknown>)['FolderItems'] : undefined;
      if (Array.isArray(list)) items += list.length;
    }
  }
  return Math.max(1, items);
}

export const mailItemsAccessedAbnormal: IndicatorRule = {
  id: 'mail-items-accessed-abnormal',
  title: 'Abnormal mailbox reading (MailItemsAccessed)',
  source:
    'Azure-Sentinel Hunting Queries MailItemsAccessedTimeSeries.yaml; elastic/detection-rules collection_exchange_excessive_mail_items_accessed',
  onEvent(doc, state) {
    if (doc.operation !== 'MailItemsAccessed') return;
    const user = doc.actor.userId?.toLowerCase();
    if (!user) return;
    const { settings, baseline } = state;
    const props = nameValues(doc.raw, 'OperationProperties');
    const items = mailItemsOf(doc.raw);
    const volumeKind = BASELINE_KINDS.mailVolume;
    const bucketKind = 'user-mail-bucket';
    const bucket = bucketStart(doc.time, settings.mailAccessWindowMinutes);
    const before = baseline.get(volumeKind, user, 'total');
    const since = baseline.subjectSince(volumeKind, user);
    baseline.get(bucketKind, `${user}|${bucket}`, 'items');
    const inBucket = state.record(bucketKind, `${user}|${bucket}`, 'items', doc.time, items);
    state.record(volumeKind, user, 'total', doc.time, items);
    const eventsInBucket = state.record(bucketKind, `${user}|${bucket}`, 'events', doc.time, 1);
    const events = state.remember(`${user}|${bucket}`, doc);
    const mailbox = doc.target.mailbox;
    const entities = [...actorRefs(user, doc.actor.ip), ...(mailbox && mailbox.includes('@') ? [ref('mailbox', mailbox)] : [])];
    newMailApp(doc, state, user, entities);
    if (/^true$/i.test(props.get('isthrottled') ?? '')) {
      state.emit({ identity: [user, bucket, 'throttled'], severity: 'high', entities, events: [doc], details: { throttled: true, bucketStart: bucket } });
      return;
    }
    if (inBucket < settings.mailAccessMinItems) return;
    // The user's mean per bucket over the history before this bucket; no history long enough = floor only.
    const historyDays = since ? daysBetween(since, doc.time) : 0;
    const buckets = (historyDays * 24 * 60) / settings.mailAccessWindowMinutes;
    const prior = Math.max(0, (before?.count ?? 0) - (inBucket - items));
    const mean = buckets >= 1 ? prior / buckets : 0;
    if (historyDays < settings.learningDays) return;
    if (inBucket < settings.mailAccessBaselineFactor * mean) return;
    state.emit({
      identity: [user, bucket],
      severity: inBucket >= 5 * settings.mailAccessMinItems ? 'high' : 'medium',
      entities,
      events,
      evidenceTotal: eventsInBucket,
      details: { itemsInBucket: inBucket, bucketStart: bucket, userMeanPerBucket: Math.round(mean * 100) / 100, floor: settings.mailAccessMinItems, factor: settings.mailAccessBaselineFactor },
    });
  },
};

/**
 * A ClientAppId reading the user's mail that the user's mail reading has not used in 14 days
 * (Sentinel's MailItemsAccessed hunting: a new app is how an illicit consent shows up). Only the
 * records' own ClientAppId/AppId count (a client string such as "Client=OWA" is not an app).
 */
function newMailApp(doc: EventDocument, state: RuleState, user: string, entities: readonly EntityRef[]): void {
  const app = (field(doc.raw, 'ClientAppId') ?? field(doc.raw, 'AppId')) as unknown;
  if (typeof app !== 'string' || app.trim() === '') return;
  const kind = BASELINE_KINDS.userMailApp;
  const key = app.trim().toLowerCase();
  const entry = state.baseline.get(kind, user, key);
  const since = state.baseline.subjectSince(BASELINE_KINDS.mailVolume, user);
  state.record(kind, user, key, doc.time);
  const learned = since !== undefined && daysBetween(since, doc.time) >= state.settings.learningDays;
  const isNew = entry === undefined || daysBetween(entry.lastSeen, doc.time) > 14 || entry.firstSeen === doc.time;
  if (!learned || !isNew) return;
  state.emit({
    identity: [user, key, 'new-app'],
    severity: 'low',
    entities: [...entities, ref('app', key)],
    events: [doc],
    title: 'Mail read by an application new for the user',
    details: { newClientApp: key, windowDays: 14 },
  });
}
