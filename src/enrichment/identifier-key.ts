import { DomainError } from '../errors/domain-error.ts';
import { identifierTypes, type IdentifierType } from '../ingest/canonical.ts';
import { normalizeIdentifier } from '../normalize/identifier.ts';
import type { ValueCodec } from '../privacy/codec.ts';

/** An identifier as a partner holds it. */
export type PartnerIdentifier = { type: string; value: string; country?: string | null };

const MAX_VALUE_LENGTH = 320;
const COUNTRY = /^[A-Za-z]{2}$/;

const bad = (field: string, clientMessage: string) => new DomainError('BAD_USER_INPUT', `Unusable enrichment identifier (${field})`, { clientMessage, field: ['identifier', field] });

/**
 * The key the identifier is stored under, normalized and passed through the codec exactly
 * as ingestion keys an Identifier (prepare.ts), so enrichment written before or after a
 * record arrives meets it. Pure: whether any record holds the identifier is never asked,
 * and the messages never quote the value.
 */
export function identifierKeyOf(identifier: PartnerIdentifier, codec: ValueCodec): { key: string; type: IdentifierType } {
  if (!(identifierTypes as readonly string[]).includes(identifier.type)) {
    throw bad('type', `identifier.type must be one of ${identifierTypes.join(', ')}`);
  }
  const type = identifier.type as IdentifierType;
  if (identifier.country != null && !COUNTRY.test(identifier.country)) throw bad('country', 'identifier.country must be an ISO 3166-1 alpha-2 code such as GB');
  if (identifier.value.length > MAX_VALUE_LENGTH) throw bad('value', `identifier.value must be at most ${MAX_VALUE_LENGTH} characters`);
  const normalized = normalizeIdentifier(type, identifier.value, identifier.country?.toUpperCase() ?? undefined);
  if (!normalized) throw bad('value', `identifier.value is not a usable ${type}`);
  return { key: codec.lookupKey(type, normalized), type };
}
