// Every indicator, in the order they run (INDICATORS lists their ids, titles and sources).
import { adminRoleAdded, federationOrCredentialChange, mfaDisabled, oauthConsent } from './directory';
import { dlpRuleMatch } from './dlp-match';
import { auditOrProtectionTampering, mailboxPermissionDelegated } from './exchange-admin';
import { mailForwardingExternal, mailForwardingSharedDestination } from './forwarding';
import { inboxRuleHidesMail } from './inbox-rule';
import type { IndicatorInfo, IndicatorRule } from './indicator';
import { mailItemsAccessedAbnormal } from './mail-access';
import { massDownload } from './mass-download';
import { sharingLoosened } from './sharing';
import { bruteForce, passwordSpray } from './sign-in-failures';
import { signInNewCountry, signInNewIp } from './signin-new';

export const INDICATOR_RULES: readonly IndicatorRule[] = [
  mailForwardingExternal,
  mailForwardingSharedDestination,
  inboxRuleHidesMail,
  massDownload,
  mailItemsAccessedAbnormal,
  signInNewIp,
  signInNewCountry,
  passwordSpray,
  bruteForce,
  oauthConsent,
  adminRoleAdded,
  mailboxPermissionDelegated,
  sharingLoosened,
  mfaDisabled,
  auditOrProtectionTampering,
  dlpRuleMatch,
  federationOrCredentialChange,
];

/** Id, title and source rule of every indicator. */
export const INDICATORS: readonly IndicatorInfo[] = INDICATOR_RULES.map(({ id, title, source }) => ({ id, title, source }));
