// Business-email compromise: the victim signs in from a country new to them, creates an inbox
// rule forwarding mail outside (and hiding it in RSS Subscriptions), syncs a burst of mail with
// MailItemsAccessed, then downloads many files, all from the attacker's address.
import type { DirectoryUser, DirectorySite } from '../tenant-directory';
import type { Story, StoryRecord } from './story-model';
import { cmdlet, fileOperation, mailItemsAccessed, signIn, type StoryWriter } from './story-records';

const MINUTE = 60_000;
export const BEC_DESTINATION = 'archive.box@mailbox-relay.example';

export function becStory(w: StoryWriter, victim: DirectoryUser, site: DirectorySite, hourMs: number, warmupMs: number): Story {
  const rng = w.rng('ip');
  const attackerIp = `5.188.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const appId = 'a3e1b6c2-4f57-4d38-9b21-6c0f8e2d7a14';
  const records: StoryRecord[] = [];
  const add = (contentType: StoryRecord['contentType'], timeMs: number, record: StoryRecord['record']): string => {
    records.push({ contentType, timeMs, record });
    return String(record['Id']);
  };
  // The victim's ordinary day before the attack: history for the first-seen baseline.
  add('Audit.AzureActiveDirectory', warmupMs, signIn(w.ctx(warmupMs), victim, victim.ipv4, false));
  add('Audit.Exchange', warmupMs + 60_000, mailItemsAccessed(w.ctx(warmupMs + 60_000), victim, victim.ipv4, 1));
  const login = add('Audit.AzureActiveDirectory', hourMs + 2 * MINUTE, signIn(w.ctx(hourMs + 2 * MINUTE), victim, attackerIp, false));
  const ruleTime = hourMs + 6 * MINUTE;
  const rule = add(
    'Audit.Exchange',
    ruleTime,
    cmdlet(w.ctx(ruleTime), victim, attackerIp, 'New-InboxRule', [
      { Name: 'Mailbox', Value: victim.upn },
      { Name: 'Name', Value: '.' },
      { Name: 'ForwardTo', Value: BEC_DESTINATION },
      { Name: 'MoveToFolder', Value: 'RSS Subscriptions' },
      { Name: 'MarkAsRead', Value: 'True' },
      { Name: 'SubjectOrBodyContainsWords', Value: 'invoice;payment;wire' },
      { Name: 'StopProcessingRules', Value: 'True' },
    ], `${victim.upn}\\.`),
  );
  const mail: string[] = [];
  for (let i = 0; i < 60; i++) {
    const t = hourMs + 8 * MINUTE + i * 40_000;
    mail.push(add('Audit.Exchange', t, mailItemsAccessed(w.ctx(t), victim, attackerIp, 10, appId)));
  }
  // 40 distinct files in 100 s, inside one 3-minute bucket.
  const downloads: string[] = [];
  const dl0 = hourMs + 63 * MINUTE + 5_000;
  for (let i = 0; i < 40; i++) {
    const t = dl0 + i * 2_500;
    downloads.push(add('Audit.SharePoint', t, fileOperation(w.ctx(t), victim, attackerIp, 'FileDownloaded', site, `Contract ${1000 + i}.pdf`)));
  }
  const user = `user:${victim.upn.toLowerCase()}`;
  const ip = `ip:${attackerIp}`;
  return {
    records,
    truth: {
      story: 'business-email-compromise',
      description: `${victim.upn} signs in from ${attackerIp} (RU), forwards mail to ${BEC_DESTINATION} with a hiding inbox rule, syncs 600 mail items through an app new to them and downloads 40 files`,
      start: new Date(hourMs + 2 * MINUTE).toISOString(),
      end: new Date(dl0 + 39 * 2_500).toISOString(),
      findings: [
        { indicator: 'signin-new-ip', entities: [user, ip], evidenceIds: [login], severity: 'low' },
        { indicator: 'signin-new-country', entities: [user, ip], evidenceIds: [login], severity: 'medium' },
        { indicator: 'mail-forwarding-external', entities: [user, `user:${BEC_DESTINATION}`], evidenceIds: [rule], severity: 'high' },
        { indicator: 'inbox-rule-hides-mail', entities: [user], evidenceIds: [rule], severity: 'high' },
        { indicator: 'mail-items-accessed-abnormal', entities: [user, ip], evidenceIds: mail, severity: 'medium' },
        { indicator: 'mail-items-accessed-abnormal', entities: [user, `app:${appId}`], evidenceIds: [mail[0]!], severity: 'low' },
        { indicator: 'mass-download', entities: [user, ip], evidenceIds: downloads, severity: 'high' },
      ],
    },
  };
}
