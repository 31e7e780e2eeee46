import type { ConsentChannel } from './consent.ts';
import { slotKey } from './effective.ts';

/**
 * What a deployment decides about consent (docs/consent.md). `marketingWithoutDecision`:
 * whether a customer with no marketing decision for a channel may be contacted on it.
 * Under the GDPR (and PECR for e-mail and SMS) marketing needs consent, so the default
 * is 'suppress'; a deployment whose legal basis for postal or B2B marketing is
 * legitimate interest (with the objection flag honoured) may choose 'allow'. Sharing
 * with third parties always needs a grant: no setting.
 */
export type ConsentSettings = { marketingWithoutDecision: 'suppress' | 'allow' };
export const defaultConsentSettings: ConsentSettings = { marketingWithoutDecision: 'suppress' };

/** The effective consent a member carries on its Customer node (customerConsentRow). */
export type ConsentFacts = { granted: readonly string[]; denied: readonly string[]; objection: boolean; doNotSell: boolean };

export const noConsentFacts: ConsentFacts = { granted: [], denied: [], objection: false, doNotSell: false };

/** `thirdParty`: the export leaves for another controller (a partner, an ad platform). */
export type ExportPurpose = { thirdParty: boolean };

/**
 * Why consent leaves a member out of an export on `channel`, or null. In order: an
 * objection to direct marketing; for a third-party export, do-not-sell, then the
 * third-party-sharing decision for the channel; then the marketing decision for the
 * channel (a purpose-wide decision counts for every channel: effective.ts).
 *
 * @example consentSuppression(noConsentFacts, 'EMAIL', { thirdParty: false }, defaultConsentSettings) // 'consent:marketing:email:none'
 */
export function consentSuppression(facts: ConsentFacts, channel: ConsentChannel, purpose: ExportPurpose, settings: ConsentSettings): string | null {
  if (facts.objection) return 'objection';
  const ch = channel.toLowerCase();
  if (purpose.thirdParty) {
    if (facts.doNotSell) return 'do-not-sell';
    const key = slotKey('THIRD_PARTY_SHARING', channel);
    if (facts.denied.includes(key)) return `consent:third_party_sharing:${ch}:denied`;
    if (!facts.granted.includes(key)) return `consent:third_party_sharing:${ch}:none`;
  }
  const key = slotKey('MARKETING', channel);
  if (facts.denied.includes(key)) return `consent:marketing:${ch}:denied`;
  if (!facts.granted.includes(key) && settings.marketingWithoutDecision === 'suppress') return `consent:marketing:${ch}:none`;
  return null;
}
