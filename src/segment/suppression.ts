import type { GoldenRecord } from '../golden/survivorship.ts';
import { consentSuppression, defaultConsentSettings, noConsentFacts, type ConsentFacts, type ConsentSettings, type ExportPurpose } from '../privacy/consent/export-rule.ts';

export const exportChannels = ['EMAIL', 'SMS', 'PHONE', 'POST'] as const;
export type ExportChannel = (typeof exportChannels)[number];

/**
 * What every export applies, as data. Every channel of an export is marketing, so an open
 * complaint suppresses them all. Tickets carry their helpdesk category as the subtype
 * (support adapter); a ticket is open unless its status is one of the activity rules'
 * closed statuses. The email adapter's events are sent/open/click/bounce/unsubscribe: it
 * has no hard/soft bounce distinction, so every bounce counts as hard. An unsubscribe or
 * bounce suppresses EMAIL for the customer (not only the address it came from).
 */
export const suppressionRules = {
  complaintCategories: ['complaint'],
  emailStopSubtypes: { unsubscribe: 'email-unsubscribed', bounce: 'email-bounced' },
} as const;

/** What the export statement reads about one member. */
export type MemberFacts = { id: string; golden: GoldenRecord | null; openComplaint: boolean; emailStops: string[]; lists: string[]; consent?: ConsentFacts };

export type ExportDecision = { customerId: string; value: string; suppressed: false } | { customerId: string; reason: string; suppressed: true };

function contactOf(golden: GoldenRecord | null, channel: ExportChannel): string | null {
  if (!golden) return null;
  const preferred = <T extends { preferred: boolean }>(values: readonly T[]): T | undefined => values.find((v) => v.preferred) ?? values[0];
  switch (channel) {
    case 'EMAIL':
      return preferred(golden.emails)?.value ?? null;
    case 'SMS':
    case 'PHONE':
      return preferred(golden.phones)?.value ?? null;
    case 'POST': {
      const a = preferred(golden.addresses)?.address;
      if (!a) return null;
      return [...a.lines, a.city, a.region, a.postcode, a.country].filter((p): p is string => Boolean(p)).join(', ');
    }
  }
}

/** What consent an export applies: where it goes, and the deployment's setting (src/privacy/consent/export-rule.ts). */
export type ExportConsent = { purpose: ExportPurpose; settings: ConsentSettings };
const internalExport: ExportConsent = { purpose: { thirdParty: false }, settings: defaultConsentSettings };

/**
 * Whether a member is exported on a channel, and why not: the first rule that applies,
 * in the order complaint, lists, e-mail stops, no contact value, consent (objection,
 * do-not-sell, the channel's decisions: src/privacy/consent/export-rule.ts).
 */
export function decideExport(facts: MemberFacts, channel: ExportChannel, consent: ExportConsent = internalExport): ExportDecision {
  const suppressed = (reason: string): ExportDecision => ({ customerId: facts.id, reason, suppressed: true });
  if (facts.openComplaint) return suppressed('open-complaint');
  if (facts.lists.length > 0) return suppressed(`suppression-list:${[...facts.lists].sort()[0]!}`);
  if (channel === 'EMAIL' && facts.emailStops.length > 0) {
    const stop = facts.emailStops.includes('unsubscribe') ? 'unsubscribe' : 'bounce';
    return suppressed(suppressionRules.emailStopSubtypes[stop]);
  }
  const value = contactOf(facts.golden, channel);
  if (value === null) return suppressed('no-contact');
  const byConsent = consentSuppression(facts.consent ?? noConsentFacts, channel, consent.purpose, consent.settings);
  return byConsent === null ? { customerId: facts.id, value, suppressed: false } : suppressed(byConsent);
}
