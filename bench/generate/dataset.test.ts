import { describe, expect, it } from 'vitest';
import { adapterByKind } from '../../src/ingest/adapters/index.ts';
import { canonicalRecordSchema, type CanonicalRecord } from '../../src/ingest/canonical.ts';
import { normalizePhone } from '../../src/normalize/phone.ts';
import { defaultCorruption, generateDataset, generatePeople, membershipOf, mildCorruption, sourceKinds, type DatasetOptions, type GeneratedRecord } from './dataset.ts';

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

  it('leaves a fifth or more of the payloads that name a person without an e-mail, fewer when mild', () => {
    const withoutEmail = (records: { canonical: CanonicalRecord }[]) => {
      const people = records.filter(({ canonical: c }) => named(c));
      return people.filter(({ canonical: c }) => c.person!.emails.length === 0).length / people.length;
    };
    expect(withoutEmail(canonical)).toBeGreaterThan(0.2);
    expect(withoutEmail(canonical)).toBeLessThan(0.35);
    const mild = withoutEmail(take({ people: 1000, seed: 11, corruption: mildCorruption }).map((record) => ({ canonical: toCanonical(record) })));
    expect(mild).toBeGreaterThan(0.1);
    expect(mild).toBeLessThan(0.3);
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

  it('stays valid for the adapters, phones included, with every rate at its extreme', () => {
    const corruption = Object.fromEntries(Object.keys(defaultCorruption).map((key) => [key, 1]));
    const records = take({ people: 400, seed: 4, corruption: { ...corruption, missingEmail: 0.9, missingValue: 0.5, sharedHousehold: 0.5, namesake: 0.5 } });
    for (const c of records.map(toCanonical)) {
      const country = c.person?.addresses.find((a) => a.country)?.country;
      for (const phone of c.person?.phones ?? []) expect(normalizePhone(phone, country), `${phone} in ${country}`).not.toBeNull();
    }
  });

  it("gives a source's second record of a person other ids, as often as asked", () => {
    const ids = (records: GeneratedRecord[]) => {
      const bySource = new Map<string, Set<string>>();
      for (const r of records) {
        if (r.truth.sourceRecordId === undefined || r.source === 'pos') continue;
        const key = `${r.truth.personId}|${r.source}`;
        bySource.set(key, (bySource.get(key) ?? new Set()).add(r.truth.sourceRecordId));
      }
      return [...bySource.values()];
    };
    const twice = ids(sample).filter((set) => set.size > 1);
    expect(twice.every((set) => set.size === 2)).toBe(true);
    const pairs = ids(sample).length;
    expect(twice.length / pairs).toBeGreaterThan(0.015);
    expect(twice.length / pairs).toBeLessThan(0.05);
    expect(ids(take({ people: 300, seed: 11, corruption: mildCorruption })).every((set) => set.size === 1)).toBe(true);
  });

  it('keeps payload ids unique across people and second records', () => {
    const seen = new Set<string>();
    for (const { record, canonical: c } of canonical) {
      const ids = c.interactions.map((i) => `${record.source}|${i.type}|${i.id}`);
      if (c.interactions.length === 0) ids.push(`${record.source}|record|${c.sourceRecordId}`);
      for (const id of ids) {
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });

  it('ties households, namesakes and name changes to earlier people as the truth says', () => {
    const people = [...generatePeople({ people: 1500, seed: 11 })].map(({ person }) => person);
    const byId = new Map(people.map((person) => [person.id, person]));
    const members = people.filter((person) => person.householdOf !== undefined);
    expect(members.length).toBeGreaterThan(60);
    for (const member of members) {
      const head = byId.get(member.householdOf!)!;
      expect(member.address).toEqual(head.address);
      expect(member.country).toBe(head.country);
      expect(member.given).not.toBe(head.given);
      expect(member.dateOfBirth).not.toBe(head.dateOfBirth);
    }
    expect(members.filter((m) => m.family === byId.get(m.householdOf!)!.family).length / members.length).toBeGreaterThan(0.6);
    const namesakes = people.filter((person) => person.namesakeOf !== undefined);
    expect(namesakes.length).toBeGreaterThan(5);
    for (const namesake of namesakes) {
      const other = byId.get(namesake.namesakeOf!)!;
      expect(`${namesake.given} ${namesake.family}`).toBe(`${other.given} ${other.family}`);
      expect(namesake.dateOfBirth.slice(0, 4)).toBe(other.dateOfBirth.slice(0, 4));
      expect(namesake.email).not.toBe(other.email);
      expect(namesake.mobile.e164).not.toBe(other.mobile.e164);
      expect(namesake.address).not.toEqual(other.address);
    }
    const renamed = people.filter((person) => person.previousFamily !== undefined);
    expect(renamed.length).toBeGreaterThan(40);
    expect(renamed.every((person) => person.previousFamily !== person.family && person.familyChangedAt! > person.since)).toBe(true);
  });

  it('follows the rates asked for: no e-mail ever missing, households sharing an address', () => {
    const clean = take({ people: 400, seed: 3, corruption: { missingEmail: 0, emailVariant: 0 } }).map(toCanonical).filter(named);
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
    expect(sharedAddresses(take({ people: 400, seed: 3, corruption: mildCorruption }))).toBe(0);
    expect(sharedAddresses(take({ people: 400, seed: 3, corruption: { ...mildCorruption, sharedHousehold: 0.5 } }))).toBeGreaterThan(40);
  });
});
