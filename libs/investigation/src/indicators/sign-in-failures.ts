// Password spray (many users failing from one IP in a 5-minute bucket) and brute force (one user
// failing many times in a bucket), on UserLoginFailed. Bucket members live in the baseline so
// a bucket split over two cycles is counted whole.
import { BASELINE_KINDS } from '../baseline';
import { field, text } from '../record-readers';
import { ref } from './entities';
import { bucketStart, type IndicatorRule } from './indicator';

function failure(doc: { operation: string | null }): boolean {
  return doc.operation === 'UserLoginFailed';
}

function errorOf(raw: Readonly<Record<string, unknown>>): string | null {
  return text(field(raw, 'LogonError')) ?? text(field(raw, 'ErrorNumber')) ?? text(field(raw, 'ErrorCode'));
}

export const passwordSpray: IndicatorRule = {
  id: 'password-spray',
  title: 'Password spray: many accounts failing from one IP',
  source:
    'Splunk o365_multiple_users_failing_to_authenticate_from_ip; elastic/detection-rules credential_access_entra_id_potential_user_account_brute_force',
  onEvent(doc, state) {
    if (!failure(doc) || !doc.actor.ip || !doc.actor.userId) return;
    const bucket = bucketStart(doc.time, state.settings.sprayWindowMinutes);
    const subject = `${doc.actor.ip}|${bucket}`;
    const kind = BASELINE_KINDS.failureBucketIp;
    state.baseline.distinctValues(kind, subject);
    state.record(kind, subject, doc.actor.userId.toLowerCase(), doc.time);
    const users = state.baseline.distinctValues(kind, subject);
    const events = state.remember(subject, doc);
    if (users < state.settings.sprayMinUsers) return;
    state.emit({
      identity: [subject],
      severity: 'high',
      entities: [ref('ip', doc.actor.ip), ref('user', doc.actor.userId)],
      events,
      evidenceTotal: users,
      details: { ip: doc.actor.ip, distinctUsers: users, bucketStart: bucket, error: errorOf(doc.raw), threshold: state.settings.sprayMinUsers },
    });
  },
};

export const bruteForce: IndicatorRule = {
  id: 'brute-force',
  title: 'Brute force: one account failing many times',
  source: 'elastic/detection-rules credential_access_entra_id_potential_user_account_brute_force; Panther Microsoft365.Brute.Force.Login.by.User',
  onEvent(doc, state) {
    if (!failure(doc) || !doc.actor.userId) return;
    const user = doc.actor.userId.toLowerCase();
    const bucket = bucketStart(doc.time, state.settings.bruteForceWindowMinutes);
    const subject = `${user}|${bucket}`;
    const kind = BASELINE_KINDS.failureBucketUser;
    state.baseline.distinctValues(kind, subject);
    state.record(kind, subject, doc.id, doc.time);
    const failures = state.baseline.distinctValues(kind, subject);
    const events = state.remember(subject, doc);
    if (failures < state.settings.bruteForceMinFailures) return;
    state.emit({
      identity: [subject],
      severity: 'medium',
      entities: doc.actor.ip ? [ref('user', user), ref('ip', doc.actor.ip)] : [ref('user', user)],
      events,
      evidenceTotal: failures,
      details: { failures, bucketStart: bucket, error: errorOf(doc.raw), threshold: state.settings.bruteForceMinFailures },
    });
  },
};
