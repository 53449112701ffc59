// An inbox rule that hides or deletes mail: deletes, moves to Deleted Items / Junk / RSS /
// Archive / Conversation History, marks as read, or keys on words attackers hide
// (helpdesk, phishing, hacked...).
import { isTrue, nameValues } from '../record-readers';
import { actorRefs } from './entities';
import { succeeded, type IndicatorRule } from './indicator';

const HIDING_FOLDERS = /deleted items|junk|rss|archive|conversation history|notes|outbox/i;
const WORD_PARAMETERS = ['subjectcontainswords', 'bodycontainswords', 'subjectorbodycontainswords', 'fromaddresscontainswords'];

export const inboxRuleHidesMail: IndicatorRule = {
  id: 'inbox-rule-hides-mail',
  title: 'Inbox rule hides or deletes mail',
  source:
    'Azure-Sentinel Detections/OfficeActivity/Malicious_Inbox_Rule.yaml; elastic/detection-rules defense_evasion_exchange_new_inbox_rule_delete_or_move',
  onEvent(doc, state) {
    const op = doc.operation?.toLowerCase();
    if ((op !== 'new-inboxrule' && op !== 'set-inboxrule') || !succeeded(doc)) return;
    const p = nameValues(doc.raw, 'Parameters');
    const actions: string[] = [];
    if (isTrue(p.get('deletemessage'))) actions.push('DeleteMessage');
    if (isTrue(p.get('softdeletemessage'))) actions.push('SoftDeleteMessage');
    const move = p.get('movetofolder');
    if (move && HIDING_FOLDERS.test(move)) actions.push(`MoveToFolder ${move}`);
    if (isTrue(p.get('markasread')) && move) actions.push('MarkAsRead');
    const words = WORD_PARAMETERS.map((k) => p.get(k) ?? '').join(' ').toLowerCase();
    const keywords = state.settings.inboxRuleKeywords.filter((k) => words.includes(k.toLowerCase()));
    if (actions.length === 0) return;
    state.emit({
      identity: [doc.id],
      severity: keywords.length > 0 || isTrue(p.get('stopprocessingrules')) ? 'high' : 'medium',
      entities: actorRefs(doc.actor.userId, doc.actor.ip),
      events: [doc],
      details: { rule: p.get('name') ?? p.get('identity') ?? null, actions, keywords },
    });
  },
};
