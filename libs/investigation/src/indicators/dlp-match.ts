// DLP rule matches: one finding per match, naming the sensitive types through the caller's lookup.
// Severity follows the rule's own: High -> medium, otherwise low (a DLP match is the tenant's own
// policy working; what makes it an incident is who then moved the content, scenario C).
import { dlpMatch } from '../dlp';
import { ref } from './entities';
import type { IndicatorRule } from './indicator';

export const dlpRuleMatch: IndicatorRule = {
  id: 'dlp-rule-match',
  title: 'DLP rule matched sensitive content',
  source: 'Splunk o365_dlp_rule_triggered',
  onEvent(doc, state) {
    const m = dlpMatch(doc, state.context.sensitiveTypeName);
    if (!m || m.undo) return;
    const high = m.rules.some((r) => /high/i.test(r.severity));
    state.emit({
      identity: [doc.id],
      severity: high ? 'medium' : 'low',
      entities: [
        ...(m.actor ? [ref('user', m.actor)] : []),
        ref('object', m.objectKey),
        ...m.sensitiveTypes.map((t) => ref('sensitive-type', t.id)),
      ],
      events: [doc],
      details: {
        object: m.objectLabel,
        objectKey: m.objectKey,
        sensitiveTypes: m.sensitiveTypes.map((t) => t.name),
        rules: m.rules.map((r) => `${r.name} (${r.severity})`),
        policies: m.policies,
        recipients: m.recipients,
      },
    });
  },
};
