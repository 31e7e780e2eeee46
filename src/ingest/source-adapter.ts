import type { z } from 'zod';
import type { CanonicalRecordInput } from './canonical.ts';

export type AdapterContext = {
  /** The registered source's name, e.g. 'crm' or 'acme-crm-export'. */
  source: string;
  /** ISO 3166-1 alpha-2 region used for phones and addresses that carry no country. */
  defaultCountry: string | undefined;
};

/**
 * Converts one channel's payload into the canonical model. The payload schema is the
 * channel's own shape (zod): a payload that fails it is rejected with the zod issue's
 * path. `toCanonical` may throw a DomainError('BAD_USER_INPUT', ..., { field }) for
 * problems only the mapping can see (an unparseable date in a declared format).
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
  toCanonical(payload: P, context: AdapterContext): CanonicalRecordInput;
};

/** Erases the payload type so adapters of different sources can share one registry. */
export const defineAdapter = <P>(adapter: SourceAdapter<P>): SourceAdapter<unknown> =>
  adapter as unknown as SourceAdapter<unknown>;
