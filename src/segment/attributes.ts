import type { GoldenRecord } from '../golden/survivorship.ts';
import { segmentAttributes, type SegmentAttribute } from './definition.ts';

/**
 * The golden attributes segments filter on, stored as plain properties on the Customer
 * (`segmentFamilyName`, ...), because the golden record itself is JSON through the codec
 * and cannot be filtered in Cypher. This is the ONE function deriving them (and
 * `normalizeSegmentValue` the one for the values a definition compares with), so that a
 * keyed hash can replace them when field encryption comes (eq and exists survive that;
 * startsWith would need prefix tokens).
 */
export type SegmentProperties = Record<(typeof segmentAttributes)[SegmentAttribute], string | null>;

/** Lowercase, trimmed, whitespace folded; countries as ISO codes in capitals; postcodes without spaces. */
export function normalizeSegmentValue(attribute: SegmentAttribute, value: string): string {
  const folded = value.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (attribute === 'country') return folded.toUpperCase();
  if (attribute === 'postcode') return folded.toLowerCase().replace(/[\s-]/g, '');
  return folded.toLowerCase();
}

const of = (attribute: SegmentAttribute, value: string | null | undefined): string | null =>
  value == null || value.trim() === '' ? null : normalizeSegmentValue(attribute, value);

/** The properties for one golden record; all null for a customer without one (merged away). */
export function segmentPropertiesOf(golden: GoldenRecord | null): SegmentProperties {
  const address = golden?.addresses.find((a) => a.preferred)?.address ?? golden?.addresses[0]?.address ?? null;
  return {
    segmentGivenName: of('givenName', golden?.attributes.givenName?.value),
    segmentFamilyName: of('familyName', golden?.attributes.familyName?.value),
    segmentCountry: of('country', address?.country),
    segmentPostcode: of('postcode', address?.postcode),
    segmentCity: of('city', address?.city),
  };
}
