import { sortableInstant } from '../graph/instant.ts';

export type CustomerAge = { id: string; createdAt: string };

/**
 * Which customer survives a merge: the older one, since its id is the one most systems
 * already hold; between two created at the same instant, the smaller id. The one rule for
 * merges by hand, by resolution and by re-resolution.
 * @example survivorOrder({ id: 'cus_b', createdAt: '2026-01-01T00:00:00Z' }, { id: 'cus_a', createdAt: '2026-01-02T00:00:00Z' }) // < 0: cus_b survives
 */
export function survivorOrder(x: CustomerAge, y: CustomerAge): number {
  return sortableInstant(x.createdAt).localeCompare(sortableInstant(y.createdAt)) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/** The customers oldest first: the first survives. */
export const bySurvival = <T extends CustomerAge>(customers: readonly T[]): T[] => customers.toSorted(survivorOrder);
