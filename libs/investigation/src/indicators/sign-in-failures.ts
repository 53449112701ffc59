// Password spray (many users failing from one IP in a 5-minute bucket) and brute force (one user
// failing many times in a bucket), on UserLoginFailed. Bucket members live in the baseline so
// a bucket split over two cycles is counted whole.
import { BASELINE_KINDS } from '../baseline';
import { field, text } from '../record-readers';
import { actorRefs, ref } from './entities';
import { addDistinct, bucketStart, emitWhenReached, type IndicatorRule } from './indicator';

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
    const users = addDistinct(state, BASELINE_KINDS.failureBucketIp, subject, doc.actor.userId.toLowerCase(), doc);
    const threshold = state.settings.sprayMinUsers;
    emitWhenReached(state, users, threshold, {
      identity: [subject],
      severity: 'high',
      entities: [ref('ip', doc.actor.ip), ref('user', doc.actor.userId)],
      details: { ip: doc.actor.ip, distinctUsers: users.count, bucketStart: bucket, error: errorOf(doc.raw), threshold },
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
    const failures = addDistinct(state, BASELINE_KINDS.failureBucketUser, subject, doc.id, doc);
    const threshold = state.settings.bruteForceMinFailures;
    emitWhenReached(state, failures, threshold, {
      identity: [subject],
      severity: 'medium',
      entities: actorRefs(user, doc.actor.ip),
      details: { failures: failures.count, bucketStart: bucket, error: errorOf(doc.raw), threshold },
    });
  },
};
