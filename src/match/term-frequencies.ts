import { comparisons, tfValues } from './comparisons.ts';
import type { MatchProfile } from './profile.ts';

/** How common a value is among records, per comparison: its relative frequency in [0, 1]. */
export type TermFrequencies = { get(comparison: string, value: string): number | undefined };

/**
 * Counts the values of every term-frequency comparison over a set of profiles. A value's
 * frequency is the share of records carrying it among the records with any value for
 * that comparison (a record with two emails counts once for each).
 * @example termFrequencies(profiles).get('family_name', 'smith') // 0.012
 */
export function termFrequencies(profiles: readonly MatchProfile[]): TermFrequencies {
  const frequencies = new Map<string, Map<string, number>>();
  for (const comparison of comparisons) {
    if (!comparison.levels.some((level) => level.tf)) continue;
    const counts = new Map<string, number>();
    let records = 0;
    for (const profile of profiles) {
      const values = new Set(tfValues(comparison.name, profile));
      if (values.size > 0) records++;
      for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    for (const [value, count] of counts) counts.set(value, count / records);
    frequencies.set(comparison.name, counts);
  }
  return { get: (comparison, value) => frequencies.get(comparison)?.get(value) };
}
