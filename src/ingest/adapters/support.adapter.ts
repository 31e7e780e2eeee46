import { z } from 'zod';
import { defineAdapter, recordIdFrom } from '../source-adapter.ts';
import { clean, emailsOf, namesOf, optionalText, phonesOf } from './field-parsers.ts';

/**
 * A support ticket as a Zendesk-like webhook sends it: `{ ticket: { ... } }`, numeric ids,
 * ISO timestamps and the requester inline. The record is the requester; the ticket is an
 * interaction. The subject and description are free text that may hold personal data, so
 * they are not in the schema at all (unknown keys are stripped) and never reach the graph.
 */
const numericId = z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]).transform(String);
const timestamp = z.iso.datetime({ offset: true });

export const supportTicketSchema = z.object({
  ticket: z.looseObject({
    id: numericId,
    /** API URL of the ticket: a reference, not content. */
    url: z.url().max(500).nullish(),
    status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']),
    /** The helpdesk's category field, e.g. 'complaint', 'question', 'refund'. */
    category: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,100}$/i, 'Expected a category key such as "complaint"')
      .nullish(),
    requester: z.looseObject({
      id: numericId,
      name: optionalText,
      email: optionalText,
      phone: optionalText,
    }),
    created_at: timestamp,
    updated_at: timestamp,
  }),
});
export type SupportTicket = z.infer<typeof supportTicketSchema>;

export const supportAdapter = defineAdapter<SupportTicket>({
  kind: 'support',
  description: 'Support tickets and their requesters (Zendesk-like)',
  defaultPriority: 40,
  payloadSchema: supportTicketSchema,
  recordIdOf: recordIdFrom(z.looseObject({ ticket: z.looseObject({ requester: z.looseObject({ id: numericId }) }) }).transform(({ ticket }) => ticket.requester.id)),
  toCanonical({ ticket }, context, problems = []) {
    const { requester } = ticket;
    return {
      source: context.source,
      sourceRecordId: requester.id,
      updatedAt: ticket.updated_at,
      person: {
        // Helpdesks keep one display name; splitting it would be a guess.
        names: namesOf({ full: requester.name }),
        emails: emailsOf(problems, { 'ticket.requester.email': requester.email }),
        phones: phonesOf(problems, context.defaultCountry, { 'ticket.requester.phone': requester.phone }),
      },
      interactions: [
        {
          type: 'ticket',
          id: ticket.id,
          occurredAt: ticket.created_at,
          subtype: clean(ticket.category)?.toLowerCase(),
          status: ticket.status,
          reference: ticket.url ?? `ticket:${ticket.id}`,
        },
      ],
    };
  },
});
