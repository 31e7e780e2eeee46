import { hashInts } from '../random.ts';
import { scramble } from '../views.ts';

/**
 * Ids each source gives a person, derived from the person's index so that they are
 * unique within a dataset and stable across runs (the same person index, the same ids).
 */

/** A loyalty card printed on the card and typed into the CRM: 'LC-4829301'. */
export const loyaltyCard = (index: number): string => `LC-${String(scramble(index, 10_000_000)).padStart(7, '0')}`;

/** A browser cookie id, stable per person: 'ck-5b2e9d4129a'. */
export const cookieOf = (seed: number, index: number): string =>
  `ck-${hashInts([seed, index, 11]).toString(16).padStart(8, '0')}${index.toString(16)}`;

/** A mobile device id, stable per person. */
export const deviceOf = (seed: number, index: number): string =>
  `dev-${hashInts([seed, index, 12]).toString(16).toUpperCase().padStart(8, '0')}-${index.toString(36).toUpperCase()}`;

/** An opaque marketplace relay mailbox that forwards to the buyer: stable per buyer. */
export const relayEmailOf = (seed: number, index: number): string =>
  `${hashInts([seed, index, 13]).toString(36)}${index.toString(36)}@marketplace.example.com`;
