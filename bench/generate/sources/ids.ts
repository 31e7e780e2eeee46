import { hashInts } from '../random.ts';
import { scramble } from '../views.ts';

/**
 * Ids each source gives a person, derived from the person's index so that they are
 * unique within a dataset and stable across runs (the same person index, the same ids).
 * `copy` 1 is a source's second record of the person, made by mistake: other ids.
 */

/** A loyalty card printed on the card and typed into the CRM: 'LC-4829301'. */
export const loyaltyCard = (index: number): string => `LC-${String(scramble(index, 10_000_000)).padStart(7, '0')}`;

const copyTag = (copy: number): string => (copy === 0 ? '' : `-${copy + 1}`);

/** A browser cookie id, stable per person: 'ck-5b2e9d4129a'. */
export const cookieOf = (seed: number, index: number, copy = 0): string =>
  `ck-${hashInts(copy === 0 ? [seed, index, 11] : [seed, index, 11, copy]).toString(16).padStart(8, '0')}${index.toString(16)}${copyTag(copy)}`;

/** A mobile device id, stable per person. */
export const deviceOf = (seed: number, index: number, copy = 0): string =>
  `dev-${hashInts(copy === 0 ? [seed, index, 12] : [seed, index, 12, copy]).toString(16).toUpperCase().padStart(8, '0')}-${index.toString(36).toUpperCase()}${copyTag(copy)}`;

/** An opaque marketplace relay mailbox that forwards to the buyer: stable per buyer. */
export const relayEmailOf = (seed: number, index: number, copy = 0): string =>
  `${hashInts(copy === 0 ? [seed, index, 13] : [seed, index, 13, copy]).toString(36)}${index.toString(36)}${copy === 0 ? '' : `x${copy}`}@marketplace.example.com`;
