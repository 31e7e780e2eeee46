import { readFileSync } from 'node:fs';
import { canonicalRecordSchema } from '../../src/ingest/canonical.ts';
import { buildMappingAdapter } from '../../src/ingest/mapping/mapping-adapter.ts';
import { parseMappingSpec } from '../../src/ingest/mapping/mapping-spec.ts';
import { profileOf } from '../../src/match/profile-of.ts';
import type { MatchProfile } from '../../src/match/profile.ts';
import type { DatasetOptions } from './dataset.ts';
import { labelledPeople } from './labelled.ts';

/** One labelled record as the matcher sees it, with the person it truly belongs to. */
export type LabelledProfile = { key: string; entity: string; profile: MatchProfile };

const spec = parseMappingSpec(JSON.parse(readFileSync(new URL('./labelled-mapping.json', import.meta.url), 'utf8')));
const adapter = buildMappingAdapter(spec);

/**
 * The labelled rows of a generated dataset read the way `eval` reads its CSV (through
 * labelled-mapping.json) and reduced to match profiles, for tests of the matching engine
 * that need ground truth without a database. Deterministic, like the generator.
 * @example labelledProfiles({ people: 1500, seed: 21 }).length // about 2,800
 */
export function labelledProfiles(options: DatasetOptions): LabelledProfile[] {
  const out: LabelledProfile[] = [];
  for (const { person, rows } of labelledPeople(options)) {
    for (const row of rows) {
      const payload = adapter.payloadSchema.parse({ ...row });
      const canonical = canonicalRecordSchema.parse(adapter.toCanonical(payload, { source: spec.name, defaultCountry: spec.defaultCountry }, []));
      if (canonical.person === undefined) continue;
      out.push({ key: `${spec.name}|${row.record_id}`, entity: person.id, profile: profileOf(canonical.person, spec.defaultCountry) });
    }
  }
  return out;
}
