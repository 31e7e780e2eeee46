import { z } from 'zod';

/**
 * The consent model (docs/consent.md). A decision is about a purpose, on one channel or on
 * every channel (channel null), or about one of two flags every export applies: an
 * objection to direct marketing (GDPR Art. 21) and a CCPA do-not-sell/share request. The
 * flags are flags, not purposes: they are not a permission that can be "granted" per
 * channel, they are a right the subject exercises against all marketing (objection) or
 * all third-party sharing (do-not-sell), raised or lifted.
 *
 * Purposes take GRANTED or DENIED. There is no WITHDRAWN: a withdrawal is a DENIED given
 * later, and the history (never overwritten) keeps when the grant was given.
 */

export const consentPurposes = ['MARKETING', 'ANALYTICS', 'PROFILING', 'THIRD_PARTY_SHARING'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export const consentChannels = ['EMAIL', 'SMS', 'PHONE', 'POST'] as const;
export type ConsentChannel = (typeof consentChannels)[number];

export const consentFlags = ['OBJECTION', 'DO_NOT_SELL'] as const;
export type ConsentFlag = (typeof consentFlags)[number];

/** What a decision is about: a purpose or a flag. Stored as one property. */
export type ConsentTopic = ConsentPurpose | ConsentFlag;

/** GRANTED/DENIED for purposes, RAISED/LIFTED for flags. */
export const consentValues = ['GRANTED', 'DENIED', 'RAISED', 'LIFTED'] as const;
export type ConsentValue = (typeof consentValues)[number];

/** DENIED and RAISED stop processing; GRANTED and LIFTED allow it. */
export const isRestrictive = (value: ConsentValue): boolean => value === 'DENIED' || value === 'RAISED';

export const isFlag = (topic: ConsentTopic): topic is ConsentFlag => (consentFlags as readonly string[]).includes(topic);

/**
 * A short reference to the proof (a form id, a recording id, a double-opt-in event id),
 * never free text: letters, digits and . _ : / # - only, so a name, an address or a
 * sentence cannot be stored here.
 */
export const EVIDENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/#-]{0,119}$/;
export const evidenceSchema = z
  .string()
  .trim()
  .regex(EVIDENCE_PATTERN, 'evidence must be a reference of 1 to 120 letters, digits or . _ : / # - (no free text)');

const isoInstant = z.iso.datetime({ offset: true });

/**
 * One decision as a record or a caller states it. Exactly one of `purpose` and `flag`;
 * a flag has no channel; a purpose takes GRANTED/DENIED, a flag RAISED/LIFTED.
 */
export const consentEntrySchema = z
  .strictObject({
    purpose: z.enum(consentPurposes).optional(),
    flag: z.enum(consentFlags).optional(),
    /** Absent or null: the decision holds for every channel. */
    channel: z.enum(consentChannels).nullish(),
    status: z.enum(consentValues),
    /** When the subject gave it, by the source's clock. */
    givenAt: isoInstant,
    evidence: evidenceSchema.optional(),
  })
  .superRefine((entry, ctx) => {
    if ((entry.purpose === undefined) === (entry.flag === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of purpose and flag', path: ['purpose'] });
      return;
    }
    if (entry.flag !== undefined && entry.channel != null) ctx.addIssue({ code: 'custom', message: 'a flag holds for every channel: give no channel', path: ['channel'] });
    const forPurpose = entry.status === 'GRANTED' || entry.status === 'DENIED';
    if ((entry.purpose !== undefined) !== forPurpose) {
      ctx.addIssue({ code: 'custom', message: entry.purpose ? 'a purpose is GRANTED or DENIED' : 'a flag is RAISED or LIFTED', path: ['status'] });
    }
  });
export type ConsentEntry = z.infer<typeof consentEntrySchema>;

/** At most this many decisions per record version, as the other lists of the canonical model. */
export const MAX_RECORD_CONSENTS = 50;

/** Where a decision came from: a source record (it follows the record's membership), or a direct decision recorded on a customer. */
export type ConsentOrigin = { kind: 'record'; recordKey: string } | { kind: 'direct'; customerId: string };

/** One stored decision. `givenAt` and `receivedAt` are epoch milliseconds. */
export type ConsentDecision = {
  id: string;
  topic: ConsentTopic;
  channel: ConsentChannel | null;
  value: ConsentValue;
  givenAt: number;
  receivedAt: number;
  source: string;
  origin: ConsentOrigin;
  evidence: string | null;
  recordedBy: string | null;
};

export const topicOf = (entry: ConsentEntry): ConsentTopic => (entry.purpose ?? entry.flag)!;
