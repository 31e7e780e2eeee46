import { describe, expect, it } from 'vitest';
import { generatePeople, mildCorruption } from './dataset.ts';
import type { LabelledRow } from './labelled.ts';
import { corruptedFields, measureDataset } from './measure.ts';

describe('the default corruption, measured on 5,000 people', () => {
  const rates = measureDataset({ people: 5000, seed: 5 });

  it('corrupts two or more fields of a duplicate record on average', () => {
    expect(rates.duplicates).toBeGreaterThan(5000);
    expect(rates.corruptedPerDuplicate).toBeGreaterThanOrEqual(2);
    expect(rates.corruptedPerDuplicate).toBeLessThan(3);
    // Mostly wrong values, not only missing ones.
    expect(rates.differentPerDuplicate).toBeGreaterThan(1.3);
  });

  it('leaves a fifth or more of the records that name a person without an e-mail', () => {
    expect(rates.withoutEmail).toBeGreaterThanOrEqual(0.2);
    expect(rates.withoutEmail).toBeLessThan(0.35);
  });

  it('has 5% or more of people sharing an address or home phone with a relative, visible in the records too', () => {
    expect(rates.household).toBeGreaterThanOrEqual(0.05);
    expect(rates.household).toBeLessThan(0.25);
    expect(rates.householdInRows).toBeGreaterThanOrEqual(0.04);
  });

  it('has 1% or more of people sharing full name and birth year with another person', () => {
    expect(rates.namesakes).toBeGreaterThanOrEqual(0.01);
    expect(rates.namesakes).toBeLessThan(0.05);
  });

  it('has people who moved or changed family name, and second records within a source', () => {
    expect(rates.moved).toBeGreaterThan(0.15);
    expect(rates.moved).toBeLessThan(0.25);
    expect(rates.familyChange).toBeGreaterThan(0.04);
    expect(rates.familyChange).toBeLessThan(0.08);
    expect(rates.sameSourceDuplicates).toBeGreaterThan(0.03);
    expect(rates.sameSourceDuplicates).toBeLessThan(0.1);
  });

  it('gives people a long-tailed number of records', () => {
    const [one, two, three, four, ...more] = rates.recordsPerPerson;
    expect(one).toBeGreaterThan(two!);
    expect(two).toBeGreaterThan(three!);
    expect(three).toBeGreaterThan(four!);
    expect(more.reduce((sum, n) => sum + n, 0) / rates.people).toBeGreaterThan(0.05);
  });

  it('is the same for the same options', () => {
    expect(measureDataset({ people: 500, seed: 5 })).toEqual(measureDataset({ people: 500, seed: 5 }));
  });
});

describe('the mild corruption', () => {
  it('stays mild: few wrong values, no households, namesakes or second records', () => {
    const rates = measureDataset({ people: 2000, seed: 5, corruption: mildCorruption });
    expect(rates.differentPerDuplicate).toBeLessThan(0.2);
    expect(rates.corruptedPerDuplicate).toBeLessThan(0.7);
    expect(rates.withoutEmail).toBeGreaterThan(0.1);
    expect(rates).toMatchObject({ household: 0, moved: 0, familyChange: 0, sameSourceDuplicates: 0 });
    // Only chance namesakes: two people drawing the same names and birth year.
    expect(rates.namesakes).toBeLessThan(0.002);
  });
});

describe('corruptedFields', () => {
  const person = generatePeople({ people: 1, seed: 3, firstPerson: 40, corruption: mildCorruption }).next().value!.person;
  const street = person.address.secondary ? `${person.address.street}, ${person.address.secondary}` : person.address.street;
  const row = (fields: Partial<LabelledRow>): LabelledRow => ({
    record_id: 'crm:x', true_entity: person.id, source: 'crm', given: person.given, family: person.family,
    full_name: `${person.given} ${person.family}`, email: person.email, phone: person.mobile.international, street,
    city: person.address.city, postcode: person.address.postcode, country: person.address.country,
    dob: person.dateOfBirth, loyalty: '', updated_at: '2024-01-01T00:00:00.000Z', ...fields,
  });

  it('finds nothing in a record that has the truth in the usual formats', () => {
    expect(corruptedFields(row({}), person).size).toBe(0);
    expect(corruptedFields(row({ phone: `${person.mobile.e164};${person.mobile.national}` }), person).size).toBe(0);
  });

  it('counts wrong values, and empty ones where the source normally has them', () => {
    const found = corruptedFields(row({ given: person.given.toUpperCase(), email: '', phone: '+99 1', postcode: '', dob: '1900-01-01' }), person);
    expect(Object.fromEntries(found)).toEqual({ given: 'different', email: 'missing', phone: 'different', postcode: 'missing', dob: 'different' });
    const support = row({ source: 'support', given: '', family: '', full_name: `${person.given} ${person.family[0]}.`, email: '', phone: '', street: '', city: '', postcode: '', dob: '' });
    expect(Object.fromEntries(corruptedFields(support, person))).toEqual({ family: 'different', email: 'missing' });
  });
});
