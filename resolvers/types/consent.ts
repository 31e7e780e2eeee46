import type { ConsentChannel, ConsentHistoryEntryResolvers, CustomerConsentResolvers, CustomerResolvers, EffectiveConsentSlotResolvers } from '../../src/generated/graphql.ts';
import { consentChannels, isFlag, type ConsentFlag, type ConsentPurpose, type ConsentTopic } from '../../src/privacy/consent/consent.ts';
import { customerConsentRow } from '../../src/privacy/consent/effective.ts';
import { consentSuppression } from '../../src/privacy/consent/export-rule.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const purposeOf = (topic: ConsentTopic): ConsentPurpose | null => (isFlag(topic) ? null : topic);
const flagOf = (topic: ConsentTopic): ConsentFlag | null => (isFlag(topic) ? topic : null);

// Consent is data about the person: every read is audited like a profile read (the field
// names only, never the values), and history (with its evidence) is not for marketers
// (permissions.ts).
export const CustomerConsentField: Pick<CustomerResolvers, 'consent'> = {
  consent: async (customer, _args, ctx) => {
    ctx.personalReads.add({ customerIds: [customer.id], recordKey: null, field: 'Customer.consent', masked: false });
    return ctx.loaders.consentOf.load(customer.id);
  },
};

export const CustomerConsent: CustomerConsentResolvers = {
  marketingAllowed: (consent, _args, ctx) => {
    const row = customerConsentRow({ slots: consent.slots });
    return consentChannels.filter(
      (channel) => consentSuppression(row, channel, { thirdParty: false }, ctx.services.consent.settings) === null,
    ) as ConsentChannel[];
  },
  objection: (consent) => consent.slots.some((s) => s.topic === 'OBJECTION' && s.value === 'RAISED'),
  doNotSell: (consent) => consent.slots.some((s) => s.topic === 'DO_NOT_SELL' && s.value === 'RAISED'),
  computedAt: (consent) => consent.at,
  history: async (consent, _args, ctx) => {
    ctx.personalReads.add({ customerIds: [consent.customerId], recordKey: null, field: 'CustomerConsent.history', masked: false });
    return ctx.services.consent.history(consent.customerId);
  },
};

export const EffectiveConsentSlot: EffectiveConsentSlotResolvers = {
  purpose: (slot) => purposeOf(slot.topic),
  flag: (slot) => flagOf(slot.topic),
  givenAt: (slot) => iso(slot.givenAt),
};

export const ConsentHistoryEntry: ConsentHistoryEntryResolvers = {
  purpose: (d) => purposeOf(d.topic),
  flag: (d) => flagOf(d.topic),
  givenAt: (d) => iso(d.givenAt),
  receivedAt: (d) => iso(d.receivedAt),
};
