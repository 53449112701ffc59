// DLP rule matches (RecordType 11 SharePoint/OneDrive, 13 Exchange): the object matched, the
// sensitive-information types (by name through the caller's lookup, the GUID when unknown), the
// rules and policies, and who sent or owns it.
import type { EventDocument } from '@auditflow/ingestion';
import { field, text } from './record-readers';

export interface DlpMatch {
  /** The matched file's URL (SharePoint) or message id (Exchange): what file and mail operations name. */
  readonly objectKey: string;
  readonly objectLabel: string;
  readonly siteUrl: string | null;
  /** The sender (Exchange) or the file's author as DLP names it (SharePoint `From`). */
  readonly actor: string | null;
  readonly recipients: readonly string[];
  readonly sensitiveTypes: readonly { id: string; name: string; count: number }[];
  readonly rules: readonly { name: string; severity: string }[];
  readonly policies: readonly string[];
  readonly undo: boolean;
}

export function isDlpMatch(doc: EventDocument): boolean {
  return /^dlprule(match|undo)$/i.test(doc.operation ?? '');
}

export function dlpMatch(doc: EventDocument, sensitiveTypeName?: (guid: string) => string | undefined): DlpMatch | null {
  if (!isDlpMatch(doc)) return null;
  const raw = doc.raw;
  const sp = asObject(field(raw, 'SharePointMetaData'));
  const ex = asObject(field(raw, 'ExchangeMetaData'));
  let objectKey: string | null = null;
  let objectLabel: string | null = null;
  let siteUrl: string | null = null;
  let actor: string | null = null;
  let recipients: string[] = [];
  if (sp) {
    objectKey = text(sp['FilePathUrl']) ?? text(sp['UniqueID']);
    objectLabel = text(sp['FileName']) ?? objectKey;
    siteUrl = text(sp['SiteCollectionUrl']);
    actor = text(sp['From'])?.toLowerCase() ?? null;
  } else if (ex) {
    objectKey = text(ex['MessageID']) ?? text(ex['UniqueID']);
    objectLabel = text(ex['Subject']) ?? objectKey;
    actor = text(ex['From'])?.toLowerCase() ?? null;
    recipients = ['To', 'CC', 'BCC'].flatMap((k) => (Array.isArray(ex[k]) ? (ex[k] as unknown[]) : [])).map((x) => text(x)).filter((x): x is string => x !== null).map((x) => x.toLowerCase());
  }
  objectKey ??= doc.target.objectId;
  if (!objectKey) return null;
  const types = new Map<string, { id: string; name: string; count: number }>();
  const rules: { name: string; severity: string }[] = [];
  const policies: string[] = [];
  const details = field(raw, 'PolicyDetails');
  for (const p of Array.isArray(details) ? details : []) {
    const policy = asObject(p);
    if (!policy) continue;
    const pname = text(policy['PolicyName']);
    if (pname) policies.push(pname);
    for (const r of Array.isArray(policy['Rules']) ? (policy['Rules'] as unknown[]) : []) {
      const rule = asObject(r);
      if (!rule) continue;
      rules.push({ name: text(rule['RuleName']) ?? '(unnamed rule)', severity: text(rule['Severity']) ?? 'Unknown' });
      const cond = asObject(rule['ConditionsMatched']);
      const infos = cond && Array.isArray(cond['SensitiveInformation']) ? (cond['SensitiveInformation'] as unknown[]) : [];
      for (const i of infos) {
        const info = asObject(i);
        const id = info ? text(info['SensitiveType']) : null;
        if (!info || !id) continue;
        const count = typeof info['Count'] === 'number' ? info['Count'] : 1;
        const old = types.get(id.toLowerCase());
        types.set(id.toLowerCase(), { id, name: sensitiveTypeName?.(id) ?? sensitiveTypeName?.(id.toLowerCase()) ?? id, count: Math.max(count, old?.count ?? 0) });
      }
    }
  }
  return {
    objectKey,
    objectLabel: objectLabel ?? objectKey,
    siteUrl,
    actor,
    recipients,
    sensitiveTypes: [...types.values()],
    rules,
    policies,
    undo: /undo/i.test(doc.operation ?? ''),
  };
}

function asObject(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
