import { describe, expect, it } from 'vitest';
import { adapterByKind } from '../../src/ingest/adapters/index.ts';
import { canonicalRecordSchema, type CanonicalRecord } from '../../src/ingest/canonical.ts';
import { normalizePhone } from '../../src/normalize/phone.ts';
import { generateDataset, membershipOf, sourceKinds, type DatasetOptions, type GeneratedRecord } from './dataset.ts';

const take = (options: DatasetOptions): GeneratedRecord[] => [...generateDataset(options)];

/** A payload through its adapter exactly as the product reads it; throws on any failure. */
function toCanonical(record: GeneratedRecord): CanonicalRecord {
  const adapter = adapterByKind(record.source);
  if (!adapter) throw new Error(`no adapter for ${record.source}`);
  const parsed = adapter.payloadSchema.safeParse(record.payload);
  if (!parsed.success) {
    throw new Error(`${record.source} payload rejected: ${JSON.stringify(parsed.error.issues)} in ${JSON.stringify(record.payload)}`);
  }
  const canonical = canonicalRecordSchema.safeParse(adapter.toCanonical(parsed.data, { source: record.source, defaultCountry: undefined }));
  if (!canonical.success) throw new Error(`${record.source} canonical rejected: ${JSON.stringify(canonical.error.issues)}`);
  return canonical.data;
}

const named = (c: CanonicalRecord) => c.person !== undefined && c.person.names.length > 0;

describe('generateDataset', () => {
  const sample = take({ people: 1500, seed: 11 });
  const canonical = sample.map((record) => ({ record, canonical: toCanonical(record) }));

  it('gives the same records for the same seed, and others for another seed', () => {
    const again = take({ people: 1500, seed: 11 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(sample));
    expect(JSON.stringify(take({ people: 50, seed: 12 }))).not.toBe(JSON.stringify(take({ people: 50, seed: 11 })));
  });

  it('makes the same people whichever sources are asked for', () => {
    const webOnly = take({ people: 1500, seed: 11, sources: ['web', 'crm'] });
    expect(webOnly).toEqual(sample.filter((r) => r.source === 'web' || r.source === 'crm'));
  });

  it('emits every payload in a shape its adapter and the canonical schema accept', () => {
    expect(canonical.length).toBe(sample.length);
    expect(new Set(sample.map((r) => r.source))).toEqual(new Set(sourceKinds));
  });

  it('writes every phone so that it normalizes in the country the record gives', () => {
    let phones = 0;
    for (const { canonical: c } of canonical) {
      const country = c.person?.addresses.find((a) => a.country)?.country;
      for (const phone of c.person?.phones ?? []) {
        phones++;
        expect(normalizePhone(phone, country), `${phone} in ${country}`).not.toBeNull();
      }
    }
    expect(phones).toBeGreaterThan(500);
  });

  it('puts a long tail of people in many sources and most in one or two', () => {
    const sourcesOf = new Map<string, Set<string>>();
    for (const r of sample) {
      const seen = sourcesOf.get(r.truth.personId) ?? new Set();
      seen.add(r.source);
      sourcesOf.set(r.truth.personId, seen);
    }
    const counts = [...sourcesOf.values()].map((s) => s.size);
    const share = (pred: (n: number) => boolean) => counts.filter(pred).length / counts.length;
    expect(sourcesOf.size).toBe(1500);
    expect(share((n) => n <= 2)).toBeGreaterThan(0.55);
    expect(share((n) => n >= 4)).toBeGreaterThan(0.1);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(6);
    expect(counts).toEqual([...sourcesOf.keys()].map((id) => membershipOf(11, Number(id.slice(1))).size));
  });

  it('leaves about a fifth of the records that name a person without an e-mail', () => {
    const people = canonical.filter(({ canonical: c }) => named(c));
    const without = people.filter(({ canonical: c }) => c.person!.emails.length === 0).length / people.length;
    expect(without).toBeGreaterThan(0.1);
    expect(without).toBeLessThan(0.3);
  });

  it('names in the truth the record id the adapter gives a record that names a person', () => {
    for (const { record, canonical: c } of canonical) {
      if (named(c)) expect(record.truth.sourceRecordId).toBe(c.sourceRecordId);
    }
  });

  it('gives a later range of people ids that an earlier range does not have', () => {
    const ids = (records: GeneratedRecord[]) => new Set(records.map((r) => `${r.source}|${JSON.stringify(r.truth.sourceRecordId)}`));
    const later = ids(take({ people: 300, seed: 11, firstPerson: 1500 }));
    const overlap = [...ids(sample)].filter((id) => later.has(id) && !id.endsWith('|undefined'));
    expect(overlap).toEqual([]);
  });

  it('stays valid for the adapters under heavy corruption', () => {
    const corruption = { typo: 1, nickname: 1, missingEmail: 0.9, sharedHousehold: 0.5, moved: 1 };
    const records = take({ people: 400, seed: 4, corruption });
    expect(records.map(toCanonical).length).toBe(records.length);
  });

  it('raises corruption when asked: no e-mail ever missing, households sharing an address', () => {
    const clean = take({ people: 400, seed: 3, corruption: { missingEmail: 0 } }).map(toCanonical).filter(named);
    expect(clean.every((c) => c.person!.emails.length > 0)).toBe(true);

    const sharedAddresses = (records: GeneratedRecord[]) => {
      const peopleAt = new Map<string, Set<string>>();
      for (const record of records) {
        const address = toCanonical(record).person?.addresses[0];
        if (!address) continue;
        const key = `${address.lines[0]}|${address.postcode}`;
        peopleAt.set(key, (peopleAt.get(key) ?? new Set()).add(record.truth.personId));
      }
      return [...peopleAt.values()].filter((people) => people.size > 1).length;
    };
    expect(sharedAddresses(take({ people: 400, seed: 3 }))).toBe(0);
    expect(sharedAddresses(take({ people: 400, seed: 3, corruption: { sharedHousehold: 0.5 } }))).toBeGreaterThan(40);
  });
});
