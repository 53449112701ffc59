// Mass download: distinct files per user + IP in a short fixed bucket (Elastic: 25 in 3 min).
// The files of a bucket are kept in the baseline, so a burst whose events arrive in two cycles
// is still counted whole.
import { BASELINE_KINDS } from '../baseline';
import { ref } from './entities';
import { bucketStart, type IndicatorRule } from './indicator';

const DOWNLOADS = new Set(['filedownloaded', 'filesyncdownloadedfull']);

export const massDownload: IndicatorRule = {
  id: 'mass-download',
  title: 'Mass download of files',
  source:
    'elastic/detection-rules collection_onedrive_excessive_file_downloads; Azure-Sentinel sharepoint_file_transfer_above_threshold.yaml',
  onEvent(doc, state) {
    if (!DOWNLOADS.has(doc.operation?.toLowerCase() ?? '')) return;
    const user = doc.actor.userId?.toLowerCase();
    const file = doc.target.objectId;
    if (!user || !file) return;
    const ip = doc.actor.ip ?? '-';
    const bucket = bucketStart(doc.time, state.settings.massDownloadWindowMinutes);
    const subject = `${user}|${ip}|${bucket}`;
    const kind = BASELINE_KINDS.downloadBucket;
    state.baseline.distinctValues(kind, subject);
    state.record(kind, subject, file.toLowerCase(), doc.time);
    const files = state.baseline.distinctValues(kind, subject);
    const events = state.remember(subject, doc);
    if (files < state.settings.massDownloadMinFiles) return;
    state.emit({
      identity: [subject],
      severity: 'high',
      entities: doc.actor.ip ? [ref('user', user), ref('ip', doc.actor.ip)] : [ref('user', user)],
      events,
      evidenceTotal: files,
      details: { distinctFiles: files, bucketStart: bucket, windowMinutes: state.settings.massDownloadWindowMinutes, threshold: state.settings.massDownloadMinFiles },
    });
  },
};
