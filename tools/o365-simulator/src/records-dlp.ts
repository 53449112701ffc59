// DLP.All: DLP rule matches on SharePoint/OneDrive (11) and Exchange (13) content.
import { clientIp, commonFields, pickUser, type MutableRecord, type RecordContext } from './record-context';
import { DLP_SENSITIVE_TYPES } from './dlp-sensitive-types';

const POLICIES = [
  { name: 'U.S. Financial Data', id: 'a15b4790-085f-43c1-90ad-853b16cedeec' },
  { name: 'GDPR Personal Data', id: '88956b36-45b3-4828-bf53-78603c0e5f58' },
  { name: 'Credit Card Protection', id: '3f2f1a0e-8d6b-4c43-9c57-2e4a1f0b7d21' },
];

/** The DLP service accounts that report matches: on SharePoint/OneDrive files (11), on mail (13). */
const DLP_ACTOR = { 11: 'DlpPolicyEventBasedAssistantOneDriveForBusiness', 13: 'DlpAgent' } as const;

/**
 * A DLP match's fields before its SharePointMetaData/ExchangeMetaData: the common ones (the DLP
 * service as actor), a fresh incident id, then the policy details, drawn after the incident id
 * (so a caller that draws them from the record's stream keeps its order). The stories use it too.
 */
export function dlpMatch(
  ctx: RecordContext,
  m: { recordType: 11 | 13; operation: string; workload: string; objectId: string; clientIp: string },
  policyDetails: () => unknown,
): MutableRecord {
  const actor = DLP_ACTOR[m.recordType];
  const record = commonFields(ctx, { ...m, userId: actor, userKey: actor, userType: 4, resultStatus: 'Succeeded' });
  record['IncidentId'] = ctx.rng.guid();
  record['PolicyDetails'] = policyDetails();
  record['SensitiveInfoDetectionIsIncluded'] = false;
  return record;
}

export function dlpRecord(ctx: RecordContext): MutableRecord {
  const { rng, directory } = ctx;
  const user = pickUser(ctx);
  const policy = rng.pick(POLICIES);
  const sensitive = rng.pick(DLP_SENSITIVE_TYPES);
  const severity = rng.pick(['Low', 'Medium', 'High']);
  const policyDetails = [
    {
      PolicyId: policy.id,
      PolicyName: policy.name,
      Rules: [
        {
          Actions: severity === 'High' ? ['BlockAccess', 'NotifyUser', 'GenerateIncidentReport'] : ['NotifyUser'],
          ActionParameters: [],
          ConditionsMatched: { SensitiveInformation: [{ Confidence: rng.pick([65, 75, 85]), Count: rng.int(1, 40), SensitiveType: sensitive.id }] },
          RuleId: rng.guid(),
          RuleMode: 'Enable',
          RuleName: `${severity} volume of content detected ${policy.name}`,
          Severity: severity,
        },
      ],
    },
  ];
  if (rng.chance(0.6)) {
    const site = rng.pick(directory.sites);
    const fileName = rng.pick(['Customers Financial Data.docx', 'Payroll.xlsx', 'cards.csv', 'passport-scan.pdf']);
    const uniqueId = rng.guid();
    const record = dlpMatch(ctx, { recordType: 11, operation: 'DLPRuleMatch', workload: site.workload, objectId: uniqueId, clientIp: clientIp(rng, user) }, () => policyDetails);
    record['SharePointMetaData'] = {
      FileName: fileName,
      FileOwner: user.displayName,
      FilePathUrl: `${site.url}${site.library.replace(/ /g, '%20')}/${encodeURIComponent(fileName)}`,
      From: user.upn.toUpperCase(),
      ItemCreationTime: new Date(ctx.timeMs - rng.int(3600, 864000) * 1000).toISOString().slice(0, 19),
      ItemLastModifiedTime: new Date(ctx.timeMs - rng.int(1, 3600) * 1000).toISOString().slice(0, 19),
      SiteCollectionGuid: site.siteId,
      SiteCollectionUrl: site.url.replace(/\/$/, ''),
      UniqueID: uniqueId,
    };
    return record;
  }
  const messageId = `<${rng.hex(32).toUpperCase()}@AM0PR05MB4803.eurprd05.prod.outlook.com>`;
  const record = dlpMatch(
    ctx,
    { recordType: 13, operation: rng.chance(0.95) ? 'DlpRuleMatch' : 'DlpRuleUndo', workload: 'Exchange', objectId: messageId, clientIp: clientIp(rng, user) },
    () => policyDetails,
  );
  record['ExchangeMetaData'] = {
    BCC: [],
    CC: [],
    FileSize: rng.int(2000, 4_000_000),
    From: user.upn,
    MessageID: messageId,
    RecipientCount: 1,
    Sent: new Date(ctx.timeMs - 1000).toISOString().slice(0, 19),
    Subject: rng.pick(['Here is the data', 'Card details', 'Employee list']),
    To: ['someone@example.org'],
    UniqueID: rng.guid(),
  };
  return record;
}
