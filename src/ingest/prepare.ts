import { createHash } from 'node:crypto';
import { normalizeIdentifier } from '../normalize/identifier.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { consentRows, type ConsentRow } from '../privacy/consent/consent-parse.ts';
import type { CanonicalRecord, Identifier, IdentifierType, Interaction } from './canonical.ts';
import { dataQualityRows, type DataQualityRow, type FieldProblem } from './data-quality.ts';

export type IdentifierRow = { key: string; type: IdentifierType; value: string };

export type RecordRow = {
  key: string;
  source: string;
  sourceRecordId: string;
  /** The source's clock, epoch milliseconds. */
  updatedAt: number;
  contentHash: string;
  /** The person's attributes as JSON, through the codec. */
  attrs: string;
  identifiers: IdentifierRow[];
  identifierKeys: string[];
  /** The values this version was stored without; they replace the previous version's. */
  qualityIssues: DataQualityRow[];
  /** The consent decisions this version carries; added to the record's history, never replacing it (src/privacy/consent). */
  consents: ConsentRow[];
};

export type InteractionRow = {
  key: string;
  /** The record it came with; null for anonymous activity, which hangs off `via`. */
  recordKey: string | null;
  via: IdentifierRow | null;
  updatedAt: number;
  props: Record<string, string | number | null>;
};

export type PreparedRecord = { record: RecordRow | null; interactions: InteractionRow[] };

export type PrepareProblem = { field: (string | number)[]; reason: string };

export const recordKeyOf = (source: string, sourceRecordId: string) => `${source}|${sourceRecordId}`;

/**
 * Turns a validated canonical record into the rows the graph writer stores: identifier
 * keys normalized and passed through the codec, a content hash for idempotency.
 * Values that cannot identify anyone (a national phone number with no country to read
 * it in) stay in the attributes but make no Identifier. `problems` are the values the
 * adapter left out; they belong to the record, so activity without one carries none.
 */
export function prepareRecord(
  canonical: CanonicalRecord,
  codec: ValueCodec,
  defaultCountry: string | undefined,
  problems: readonly FieldProblem[] = [],
): PreparedRecord | PrepareProblem {
  const updatedAt = Date.parse(canonical.updatedAt);
  const person = canonical.person;
  const recordKey = person ? recordKeyOf(canonical.source, canonical.sourceRecordId) : null;
  const country = person?.addresses.find((a) => a.country)?.country ?? defaultCountry;

  const interactions: InteractionRow[] = [];
  for (const [index, interaction] of canonical.interactions.entries()) {
    let via: IdentifierRow | null = null;
    if (interaction.via) {
      via = identifierRow(interaction.via, codec, country);
      if (!via) return { field: ['canonical', 'interactions', index, 'via'], reason: 'is not a usable identifier' };
    } else if (!recordKey) {
      return { field: ['canonical', 'interactions', index, 'via'], reason: 'is required for activity without a person' };
    }
    interactions.push({
      key: `${canonical.source}|${interaction.type}|${interaction.id}`,
      recordKey: via ? null : recordKey,
      via,
      updatedAt,
      props: interactionProps(canonical.source, interaction),
    });
  }
  if (!person || !recordKey) return { record: null, interactions };

  const identifiers = new Map<string, IdentifierRow>();
  const candidates: Identifier[] = [
    ...person.emails.map((value) => ({ type: 'email' as const, value })),
    ...person.phones.map((value) => ({ type: 'phone' as const, value })),
    ...person.identifiers,
  ];
  for (const candidate of candidates) {
    const row = identifierRow(candidate, codec, country);
    if (row) identifiers.set(row.key, row);
  }
  const attrsJson = JSON.stringify(person);
  const sortedIdentifiers = [...identifiers.values()].sort((a, b) => a.key.localeCompare(b.key));
  const hash = createHash('sha256').update(attrsJson);
  // A version whose left-out values differ is a different version; one without any hashes as it always did.
  if (problems.length > 0) hash.update('\n').update(JSON.stringify(problems.map(({ field, code, raw }) => [field, code, raw])));
  // Likewise a version that only adds a consent decision: without one, the hash is as before.
  const consents = consentRows(recordKey, canonical.consents);
  if (consents.length > 0) hash.update('\nconsents\n').update(JSON.stringify(consents.map((c) => c.id)));
  return {
    record: {
      key: recordKey,
      source: canonical.source,
      sourceRecordId: canonical.sourceRecordId,
      updatedAt,
      contentHash: hash.digest('hex'),
      attrs: codec.encode(attrsJson),
      identifiers: sortedIdentifiers,
      identifierKeys: sortedIdentifiers.map((row) => row.key),
      qualityIssues: dataQualityRows(recordKey, problems, codec),
      consents,
    },
    interactions,
  };
}

export const isProblem = (value: PreparedRecord | PrepareProblem): value is PrepareProblem => 'reason' in value;

function identifierRow(identifier: Identifier, codec: ValueCodec, country: string | undefined): IdentifierRow | null {
  const normalized = normalizeIdentifier(identifier.type, identifier.value, country);
  if (!normalized) return null;
  return { key: codec.lookupKey(identifier.type, normalized), type: identifier.type, value: codec.encode(normalized) };
}

function interactionProps(source: string, interaction: Interaction): InteractionRow['props'] {
  return {
    source,
    sourceId: interaction.id,
    type: interaction.type,
    occurredAt: Date.parse(interaction.occurredAt),
    subtype: interaction.subtype ?? null,
    status: interaction.status ?? null,
    category: interaction.category ?? null,
    channel: interaction.channel ?? null,
    currency: interaction.currency ?? null,
    total: interaction.total ?? null,
    reference: interaction.reference ?? null,
    lines: interaction.lines ? JSON.stringify(interaction.lines) : null,
  };
}
