// Sign-in from an IP or a country new for the user: (user, value) not seen within
// newForUserWindowDays, for a user with at least learningDays of sign-in history (so a tenant's
// first day, or a user's first sign-in, is learning, not a flood of findings).
import type { EventDocument } from '@auditflow/ingestion';
import { BASELINE_KINDS } from '../baseline';
import type { InvestigationContext } from '../context';
import { field, nameValues, text } from '../record-readers';
import { actorRefs } from './entities';
import { daysBetween, type IndicatorRule, type RuleState } from './indicator';

/**
 * The country of a sign-in: a country the record states (a `Country`/`CountryCode` field or an
 * ExtendedProperties entry of that name, as some tenants' records carry), else the caller's
 * resolver (context.countryOf), else undefined. Never guessed from the address.
 */
export function countryOfEvent(doc: EventDocument, ctx: InvestigationContext): string | undefined {
  const own = text(field(doc.raw, 'Country')) ?? text(field(doc.raw, 'CountryCode'));
  const ext = nameValues(doc.raw, 'ExtendedProperties');
  const stated = own ?? ext.get('country') ?? ext.get('countrycode') ?? null;
  if (stated) return stated.toUpperCase();
  if (doc.actor.ip && ctx.countryOf) return ctx.countryOf(doc.actor.ip, doc)?.toUpperCase();
  return undefined;
}

function novelty(state: RuleState, kind: string, user: string, value: string, time: string): { isNew: boolean; known: boolean } {
  const entry = state.baseline.get(kind, user, value);
  const since = state.baseline.subjectSince(kind, user);
  const learned = since !== undefined && daysBetween(since, time) >= state.settings.learningDays;
  const stale = entry !== undefined && daysBetween(entry.lastSeen, time) > state.settings.newForUserWindowDays;
  return { isNew: learned && (entry === undefined || stale), known: since !== undefined };
}

function signIn(doc: EventDocument): string | null {
  return doc.operation === 'UserLoggedIn' ? (doc.actor.userId?.toLowerCase() ?? null) : null;
}

/** A rule "sign-in with a value new for the user": the value of a sign-in, the baseline kind, the finding. */
function newForUserRule(spec: {
  readonly info: Pick<IndicatorRule, 'id' | 'title' | 'source'>;
  readonly kind: string;
  readonly severity: 'low' | 'medium';
  readonly valueOf: (doc: EventDocument, state: RuleState) => string | undefined;
  readonly details: (value: string, doc: EventDocument, state: RuleState) => Readonly<Record<string, unknown>>;
}): IndicatorRule {
  return {
    ...spec.info,
    onEvent(doc, state) {
      const user = signIn(doc);
      const value = user ? spec.valueOf(doc, state) : undefined;
      if (!user || !value) return;
      const { isNew } = novelty(state, spec.kind, user, value, doc.time);
      state.record(spec.kind, user, value, doc.time);
      if (!isNew) return;
      state.emit({
        identity: [user, value, doc.time.slice(0, 10)],
        severity: spec.severity,
        entities: actorRefs(user, doc.actor.ip),
        events: [doc],
        details: spec.details(value, doc, state),
      });
    },
  };
}

export const signInNewIp = newForUserRule({
  info: {
    id: 'signin-new-ip',
    title: 'Sign-in from an IP new for the user',
    source: 'elastic/detection-rules initial_access_entra_id_portal_login_atypical_travel (new terms on user + IP); Splunk o365_concurrent_sessions_from_different_ips',
  },
  kind: BASELINE_KINDS.userIp,
  severity: 'low',
  valueOf: (doc) => doc.actor.ip ?? undefined,
  details: (ip, _doc, state) => ({ ip, windowDays: state.settings.newForUserWindowDays }),
});

export const signInNewCountry = newForUserRule({
  info: { id: 'signin-new-country', title: 'Sign-in from a country new for the user', source: 'elastic/detection-rules initial_access_entra_id_portal_login_atypical_travel' },
  kind: BASELINE_KINDS.userCountry,
  severity: 'medium',
  valueOf: (doc, state) => countryOfEvent(doc, state.context),
  details: (country, doc, state) => ({ country, ip: doc.actor.ip, windowDays: state.settings.newForUserWindowDays }),
});
