// Thresholds of the indicators, in one validated object. Each default says where it comes from
// (the README's table explains them); callers override any of them and validateSettings refuses
// what makes no sense, naming every bad field.
import { InvestigationError } from './investigation-error';

export interface IndicatorSettings {
  /** Evidence ids kept per finding (the total is always counted). */
  readonly maxEvidence: number;
  /** Days a (user, value) pair stays "known" after it was last seen: Elastic/Sentinel use 10 to 14. */
  readonly newForUserWindowDays: number;
  /** A subject needs this much history before anything of it is called new (no first-day flood). */
  readonly learningDays: number;
  /** Mass download: distinct files per user + IP in a bucket of this many minutes (Elastic: 25 in 3 min). */
  readonly massDownloadWindowMinutes: number;
  readonly massDownloadMinFiles: number;
  /** Downloads from an IP the tenant first saw less than a day before: this many distinct files per user + IP + day (Sentinel: 50). */
  readonly newIpDownloadMinFiles: number;
  /** An IP unseen in the tenant for this many days is new again (Sentinel SharePoint_Downloads_byNewIP: 14). */
  readonly newIpWindowDays: number;
  /** MailItemsAccessed volume per user in a bucket of this many minutes. */
  readonly mailAccessWindowMinutes: number;
  /** ...is abnormal above this floor AND above `mailAccessBaselineFactor` x the user's mean per bucket. */
  readonly mailAccessMinItems: number;
  readonly mailAccessBaselineFactor: number;
  /** Password spray: 5-minute buckets (Elastic/Splunk), at least this many users failing from one IP. */
  readonly sprayWindowMinutes: number;
  readonly sprayMinUsers: number;
  /** Brute force: failures of one user in one bucket (Panther 10 in 60 min; Elastic 10 in 15 min). */
  readonly bruteForceWindowMinutes: number;
  readonly bruteForceMinFailures: number;
  /** Several mailboxes forwarding to one destination: distinct users within this many days (Sentinel: 7). */
  readonly sharedForwardWindowDays: number;
  readonly sharedForwardMinUsers: number;
  /** Directory roles counted as privileged for "admin role added" (names, case-insensitive). */
  readonly privilegedRoles: readonly string[];
  /** Words in an inbox rule's conditions that make it suspicious (Sentinel Malicious_Inbox_Rule). */
  readonly inboxRuleKeywords: readonly string[];
  /** OAuth scopes that make a user consent high severity (Splunk: mail-permissioned apps). */
  readonly riskyConsentScopes: readonly string[];
}

export const DEFAULT_SETTINGS: IndicatorSettings = Object.freeze({
  maxEvidence: 50,
  newForUserWindowDays: 10,
  learningDays: 1,
  massDownloadWindowMinutes: 3,
  massDownloadMinFiles: 25,
  newIpDownloadMinFiles: 50,
  newIpWindowDays: 14,
  mailAccessWindowMinutes: 60,
  mailAccessMinItems: 200,
  mailAccessBaselineFactor: 10,
  sprayWindowMinutes: 5,
  sprayMinUsers: 10,
  bruteForceWindowMinutes: 15,
  bruteForceMinFailures: 10,
  sharedForwardWindowDays: 7,
  sharedForwardMinUsers: 2,
  privilegedRoles: Object.freeze([
    'Global Administrator',
    'Company Administrator',
    'Privileged Role Administrator',
    'Privileged Authentication Administrator',
    'Security Administrator',
    'Exchange Administrator',
    'SharePoint Administrator',
    'User Administrator',
    'Helpdesk Administrator',
    'Password Administrator',
    'Intune Administrator',
    'Application Administrator',
    'Cloud Application Administrator',
    'Authentication Administrator',
    'Conditional Access Administrator',
    'Hybrid Identity Administrator',
    'Organization Management',
    'Compliance Administrator',
  ]),
  inboxRuleKeywords: Object.freeze([
    'helpdesk',
    'help desk',
    'phish',
    'hack',
    'password',
    'security',
    'invoice',
    'payment',
    'wire',
    'suspicious',
    'compromised',
    'malware',
    'spam',
  ]),
  riskyConsentScopes: Object.freeze([
    'mail.',
    'files.',
    'sites.',
    'mailboxsettings.',
    'full_access_as_app',
    'directory.readwrite',
    'user.readwrite.all',
  ]),
});

const POSITIVE_INTEGERS = [
  'maxEvidence',
  'massDownloadWindowMinutes',
  'massDownloadMinFiles',
  'newIpDownloadMinFiles',
  'mailAccessWindowMinutes',
  'mailAccessMinItems',
  'sprayWindowMinutes',
  'sprayMinUsers',
  'bruteForceWindowMinutes',
  'bruteForceMinFailures',
  'sharedForwardWindowDays',
  'sharedForwardMinUsers',
] as const;

/** Defaults overridden by `overrides`, checked; throws InvestigationError `InvalidSettings` naming every bad field. */
export function resolveSettings(overrides: Partial<IndicatorSettings> = {}): IndicatorSettings {
  const s: IndicatorSettings = { ...DEFAULT_SETTINGS, ...dropUndefined(overrides) };
  const problems: string[] = [];
  for (const key of POSITIVE_INTEGERS) {
    const v = s[key];
    if (!Number.isSafeInteger(v) || v < 1) problems.push(`${key} must be a positive integer, got ${String(v)}`);
  }
  for (const key of ['newForUserWindowDays', 'learningDays', 'mailAccessBaselineFactor', 'newIpWindowDays'] as const) {
    const v = s[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${key} must be a number >= 0, got ${String(v)}`);
  }
  for (const key of ['privilegedRoles', 'inboxRuleKeywords', 'riskyConsentScopes'] as const) {
    const v = s[key];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) {
      problems.push(`${key} must be a list of non-empty strings`);
    }
  }
  if (problems.length > 0) throw new InvestigationError('InvalidSettings', `invalid indicator settings: ${problems.join('; ')}`, problems);
  return Object.freeze(s);
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
