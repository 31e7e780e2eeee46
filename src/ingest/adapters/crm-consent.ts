import { z } from 'zod';
import type { ConsentCandidate } from '../../privacy/consent/consent-parse.ts';

/**
 * Consent as a Salesforce-like CRM holds it: the contact's opt-out checkboxes and its
 * ContactPointTypeConsent records. Only reshaped here; each decision is checked on its
 * own by consentsOf, so a malformed one costs only itself.
 *
 * - HasOptedOutOfEmail / DoNotCall ticked: a marketing denial on EMAIL / PHONE, given at
 *   the contact's LastModifiedDate (the CRM keeps no time of its own for them). Unticked is
 *   no decision: not opting out is not opting in.
 * - HasOptedOutSolicit (the Individual's "don't solicit") and DoNotSell__c: the objection
 *   and do-not-sell flags, RAISED when ticked and LIFTED when explicitly unticked.
 * - ContactPointTypeConsents: OptIn / OptOut per data-use purpose and contact point type,
 *   given at CaptureDate, CaptureSource as evidence. Seen / NotSeen are no decision.
 */
export const crmConsentFields = {
  HasOptedOutOfEmail: z.boolean().nullish(),
  DoNotCall: z.boolean().nullish(),
  HasOptedOutSolicit: z.boolean().nullish(),
  DoNotSell__c: z.boolean().nullish(),
  /** Loose on purpose: a bad entry is a data-quality issue of its own, not a rejected contact. */
  ContactPointTypeConsents: z.array(z.unknown()).max(200).nullish(),
};

type CrmConsentFields = { [K in keyof typeof crmConsentFields]?: z.infer<(typeof crmConsentFields)[K]> };

const purposes: Record<string, string> = { marketing: 'MARKETING', analytics: 'ANALYTICS', profiling: 'PROFILING', thirdpartysharing: 'THIRD_PARTY_SHARING' };
const channels: Record<string, string | null> = { email: 'EMAIL', phone: 'PHONE', sms: 'SMS', mail: 'POST', post: 'POST', all: null };
const statuses: Record<string, string> = { optin: 'GRANTED', optout: 'DENIED' };
const key = (value: unknown) => (typeof value === 'string' ? value.toLowerCase().replace(/[\s_-]/g, '') : undefined);

/** '2024-03-05T14:22:10.000+0000' -> '2024-03-05T14:22:10.000+00:00'; anything else as it is (then refused by the consent schema). */
const isoOffset = (value: unknown): unknown => (typeof value === 'string' ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : value);

export function crmConsentCandidates(contact: CrmConsentFields, modifiedAt: string): ConsentCandidate[] {
  const out: ConsentCandidate[] = [];
  const optOut = (field: 'HasOptedOutOfEmail' | 'DoNotCall', channel: string) => {
    if (contact[field] === true) out.push({ field: ['payload', field], value: { purpose: 'MARKETING', channel, status: 'DENIED', givenAt: modifiedAt } });
  };
  optOut('HasOptedOutOfEmail', 'EMAIL');
  optOut('DoNotCall', 'PHONE');
  const flag = (field: 'HasOptedOutSolicit' | 'DoNotSell__c', name: string) => {
    const value = contact[field];
    if (typeof value === 'boolean') out.push({ field: ['payload', field], value: { flag: name, status: value ? 'RAISED' : 'LIFTED', givenAt: modifiedAt } });
  };
  flag('HasOptedOutSolicit', 'OBJECTION');
  flag('DoNotSell__c', 'DO_NOT_SELL');
  (contact.ContactPointTypeConsents ?? []).forEach((entry, index) => {
    const field = ['payload', 'ContactPointTypeConsents', index];
    const e = (entry ?? {}) as Record<string, unknown>;
    const status = key(e['PrivacyConsentStatus']);
    if (status === 'seen' || status === 'notseen') return;
    const channel = key(e['ContactPointType'] ?? 'all');
    out.push({
      field,
      value: {
        purpose: purposes[key(e['DataUsePurpose']) ?? ''] ?? e['DataUsePurpose'],
        channel: channel !== undefined && channel in channels ? channels[channel] : e['ContactPointType'],
        status: statuses[status ?? ''] ?? e['PrivacyConsentStatus'],
        givenAt: isoOffset(e['CaptureDate']),
        ...(e['CaptureSource'] == null ? {} : { evidence: e['CaptureSource'] }),
      },
    });
  });
  return out;
}
