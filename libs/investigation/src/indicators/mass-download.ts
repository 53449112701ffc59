// Mass download: distinct files per user + IP in a short fixed bucket (Elastic: 25 in 3 min).
// The files of a bucket are kept in the baseline, so a burst whose events arrive in two cycles
// is still counted whole.
import { BASELINE_KINDS } from '../baseline';
import { actorRefs, ref } from './entities';
import { addDistinct, bucketStart, daysBetween, emitWhenReached, type IndicatorRule, type RuleState } from './indicator';
import type { EventDocument } from '@auditflow/ingestion';

const DOWNLOADS = new Set(['filedownloaded', 'filesyncdownloadedfull']);

export const massDownload: IndicatorRule = {
  id: 'mass-download',
  title: 'Mass download of files',
  source:
    'elastic/detection-rules collection_onedrive_excessive_file_downloads; Azure-Sentinel sharepoint_file_transfer_above_threshold.yaml',
  onEvent(doc, state) {
    const ipAge = tenantIpAge(doc, state);
    if (!DOWNLOADS.has(doc.operation?.toLowerCase() ?? '')) return;
    if (ipAge !== undefined) newIpDownloads(doc, state, ipAge);
    const user = doc.actor.userId?.toLowerCase();
    const file = doc.target.objectId;
    if (!user || !file) return;
    const ip = doc.actor.ip ?? '-';
    const bucket = bucketStart(doc.time, state.settings.massDownloadWindowMinutes);
    const subject = `${user}|${ip}|${bucket}`;
    const files = addDistinct(state, BASELINE_KINDS.downloadBucket, subject, file.toLowerCase(), doc);
    const { massDownloadMinFiles: threshold, massDownloadWindowMinutes: windowMinutes } = state.settings;
    emitWhenReached(state, files, threshold, {
      identity: [subject],
      severity: 'high',
      entities: actorRefs(user, doc.actor.ip),
      details: { distinctFiles: files.count, bucketStart: bucket, windowMinutes, threshold },
    });
  },
};

/**
 * Days since the tenant first saw this event's IP (recording it): undefined without an IP, 0 for
 * an address new now or unseen for newIpWindowDays, and Infinity while the tenant itself is
 * still learning (no address is "new" on a tenant's first day).
 */
function tenantIpAge(doc: EventDocument, state: RuleState): number | undefined {
  const ip = doc.actor.ip;
  if (!ip) return undefined;
  const since = state.baseline.get(BASELINE_KINDS.tenantSince, 'tenant', 'first')?.firstSeen;
  const entry = state.baseline.get(BASELINE_KINDS.tenantIp, ip, 'seen');
  state.record(BASELINE_KINDS.tenantSince, 'tenant', 'first', doc.time);
  state.record(BASELINE_KINDS.tenantIp, ip, 'seen', doc.time);
  if (since === undefined || daysBetween(since, doc.time) < state.settings.learningDays) return Infinity;
  // firstSeen <= now: this event itself was recorded before (re-evaluation) or an earlier one was.
  if (!entry || daysBetween(entry.lastSeen, doc.time) > state.settings.newIpWindowDays) return 0;
  return daysBetween(entry.firstSeen, doc.time);
}

/** Sentinel SharePoint_Downloads_byNewIP: many files from an address the tenant met within the last day. */
function newIpDownloads(doc: EventDocument, state: RuleState, ipAge: number): void {
  const user = doc.actor.userId?.toLowerCase();
  const ip = doc.actor.ip;
  const file = doc.target.objectId;
  if (!user || !ip || !file || ipAge > 1) return;
  const day = doc.time.slice(0, 10);
  const subject = `${user}|${ip}|${day}`;
  const files = addDistinct(state, BASELINE_KINDS.newIpDownloads, subject, file.toLowerCase(), doc, `new-ip|${subject}`);
  const threshold = state.settings.newIpDownloadMinFiles;
  emitWhenReached(state, files, threshold, {
    identity: ['new-ip', subject],
    severity: 'medium',
    entities: [ref('user', user), ref('ip', ip)],
    title: 'Many files downloaded from an IP new to the tenant',
    details: { distinctFiles: files.count, day, newIp: true, threshold },
  });
}
