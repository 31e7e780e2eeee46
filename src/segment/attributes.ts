import type { GoldenRecord } from '../golden/survivorship.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { segmentAttributes, type SegmentAttribute } from './definition.ts';

/**
 * The golden attributes segments filter on, stored as properties on the Customer
 * (`segmentFamilyName`, ...), because the golden record itself is JSON through the codec
 * and cannot be filtered in Cypher. This is the ONE function deriving them (and
 * `segmentValueOf` the one for the values a definition compares with): each through the
 * codec's tokenKey, a keyed hash when values are encrypted, so that eq and exists still
 * work and startsWith cannot (compileSegment refuses it then). The country code is kept
 * plain: an ISO code alone says nothing about a person, and country filters are common.
 */
export type SegmentProperties = Record<(typeof segmentAttributes)[SegmentAttribute], string | null>;

/** Lowercase, trimmed, whitespace folded; countries as ISO codes in capitals; postcodes without spaces. */
export function normalizeSegmentValue(attribute: SegmentAttribute, value: string): string {
  const folded = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (attribute === 'country') return folded.toUpperCase();
  if (attribute === 'postcode') return folded.toLowerCase().replace(/[\s-]/g, '');
  return folded.toLowerCase();
}

/** Whether an attribute is stored as the codec's token (a keyed hash when encrypting) rather than as itself. */
export const isHashedAttribute = (attribute: SegmentAttribute): boolean => attribute !== 'country';

/** A value as the Customer property of `attribute` stores it: normalized, then the codec's token unless the attribute is kept plain. */
export function segmentValueOf(attribute: SegmentAttribute, value: string, codec: ValueCodec): string {
  const normalized = normalizeSegmentValue(attribute, value);
  return isHashedAttribute(attribute) ? codec.tokenKey(`segment-${attribute}`, normalized) : normalized;
}

/** The properties for one golden record; all null for a customer without one (merged away). */
export function segmentPropertiesOf(golden: GoldenRecord | null, codec: ValueCodec): SegmentProperties {
  const of = (attribute: SegmentAttribute, value: string | null | undefined): string | null =>
    value == null || value.trim() === '' ? null : segmentValueOf(attribute, value, codec);
  const address = golden?.addresses.find((a) => a.preferred)?.address ?? golden?.addresses[0]?.address ?? null;
  return {
    segmentGivenName: of('givenName', golden?.attributes.givenName?.value),
    segmentFamilyName: of('familyName', golden?.attributes.familyName?.value),
    segmentCountry: of('country', address?.country),
    segmentPostcode: of('postcode', address?.postcode),
    segmentCity: of('city', address?.city),
  };
}
