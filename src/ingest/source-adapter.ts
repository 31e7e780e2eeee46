import type { z } from 'zod';
import type { CanonicalRecordInput } from './canonical.ts';
import type { FieldProblem } from './data-quality.ts';

export type AdapterContext = {
  /** The registered source's name, e.g. 'crm' or 'acme-crm-export'. */
  source: string;
  /** ISO 3166-1 alpha-2 region used for phones and addresses that carry no country. */
  defaultCountry: string | undefined;
};

/**
 * Converts one channel's payload into the canonical model. The payload schema is the
 * channel's own shape (zod): a payload that fails it is rejected with the zod issue's
 * path. A person's value that does not parse or validate (a date of birth that is no
 * date, a malformed e-mail) is left out and pushed onto `problems`: the record is stored
 * without it (data-quality.ts). `toCanonical` throws a DomainError('BAD_USER_INPUT', ...,
 * { field }) only for what the record cannot be stored without (its clock, an
 * interaction's time) or a mapping field declared `onInvalid: "reject"`.
 *
 * An adapter never sees the graph and never normalizes identifiers: it only reshapes.
 */
export type SourceAdapter<P = unknown> = {
  /** The adapter's kind, e.g. 'crm'. Built-in sources share their adapter's name. */
  kind: string;
  description: string;
  /** Trust priority of a source registered with this adapter when none is given (higher wins). */
  defaultPriority: number;
  payloadSchema: z.ZodType<P>;
  /** `problems` collects the values left out; a caller that passes none (a test, a generator) does not see them. */
  toCanonical(payload: P, context: AdapterContext, problems?: FieldProblem[]): CanonicalRecordInput;
  /**
   * The id of the person's record a payload names, read on its own from a payload that
   * failed (undefined when it names none): its rejection then carries the id, and the
   * record stored later under it supersedes the rejection. Absent for sources whose
   * payloads carry no person (receipts).
   */
  recordIdOf?(payload: unknown): string | undefined;
};

/**
 * A `recordIdOf` from a lenient schema of just the id's field.
 * @example recordIdFrom(z.looseObject({ Id: z.string() }).transform((p) => p.Id))({ Id: '003A', LastName: 42 }) // '003A'
 */
export const recordIdFrom =
  (schema: z.ZodType<string | null | undefined>) =>
  (payload: unknown): string | undefined => {
    const parsed = schema.safeParse(payload);
    return parsed.success ? (parsed.data ?? undefined) : undefined;
  };

/** Erases the payload type so adapters of different sources can share one registry. */
export const defineAdapter = <P>(adapter: SourceAdapter<P>): SourceAdapter<unknown> =>
  adapter as unknown as SourceAdapter<unknown>;
