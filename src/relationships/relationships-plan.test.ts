import { describe, expect, it } from 'vitest';
import type { GoldenSourceRecord } from '../golden/survivorship.ts';
import type { Person } from '../ingest/canonical.ts';
import { householdAddress, landlineOf, organisationName, relationshipKey } from './relationship-keys.ts';
import { planRelationships } from './relationships-plan.ts';
import { plainCodec } from '../privacy/codec.ts';
import { encryptingCodec, keyRing } from '../privacy/encrypting-codec.ts';
import { randomBytes } from 'node:crypto';

const person = (p: Partial<Person>): Person => ({ names: [], emails: [], phones: [], addresses: [], identifiers: [], ...p });
const record = (key: string, p: Partial<Person>, source = 'crm'): GoldenSourceRecord => ({ key, source, sourceRecordId: key, priority: 0, updatedAt: 0, defaultCountry: 'GB', person: person(p) });

describe('household keys', () => {
  it('read one address written two ways as one home, the flat kept apart', () => {
    const a = householdAddress({ lines: ['Flat 3, 12 Quillfeather Ln'], postcode: 'sw1a1aa' }, 'GB');
    const b = householdAddress({ lines: ['12 Quillfeather Lane', 'Flat 3'], postcode: 'SW1A 1AA', country: 'GB' });
    expect(a).toBe('12 quillfeather lane|3|SW1A 1AA|GB');
    expect(b).toBe(a);
    expect(householdAddress({ lines: ['12 Quillfeather Lane', 'Flat 4'], postcode: 'SW1A 1AA' }, 'GB')).not.toBe(a);
  });

  it('make no home of a postcode, a city or a street without a number', () => {
    expect(householdAddress({ lines: [], postcode: 'SW1A 1AA' }, 'GB')).toBeNull();
    expect(householdAddress({ lines: ['Quillfeather Lane'], postcode: 'SW1A 1AA' }, 'GB')).toBeNull();
    expect(householdAddress({ lines: ['12 Quillfeather Lane'] }, 'GB')).toBeNull();
    expect(householdAddress({ lines: ['12 Quillfeather Lane'], city: 'London' }, 'GB')).toBe('12 quillfeather lane||city:london|GB');
  });

  it('take fixed lines and leave mobiles and numbers of unknown type', () => {
    expect(landlineOf('020 7946 0018', 'GB')).toBe('+442079460018');
    expect(landlineOf('07911 123456', 'GB')).toBeNull();
    expect(landlineOf('+1 202 555 0142')).toBeNull();
    expect(landlineOf('not a phone', 'GB')).toBeNull();
  });

  it('key organisations without their legal form', () => {
    expect(organisationName('Fernwright Analytical Engines Ltd.')).toBe('fernwright analytical engines');
    expect(organisationName('FERNWRIGHT ANALYTICAL ENGINES LIMITED')).toBe('fernwright analytical engines');
    expect(organisationName('Ltd')).toBe('ltd');
    expect(relationshipKey('organisation', 'x', plainCodec)).toBe('organisation:x');
  });
});

describe('planRelationships', () => {
  it('places a customer in each home address and landline its records carry, once each', () => {
    const plan = planRelationships({
      id: 'cus_1',
      status: 'active',
      records: [
        record('crm|2', { addresses: [{ lines: ['12 Quillfeather Ln'], postcode: 'SW1A 1AA' }], phones: ['07911 123456'] }),
        record('crm|1', { addresses: [{ lines: ['12 Quillfeather Lane'], postcode: 'sw1a 1aa' }], phones: ['020 7946 0018'] }),
      ],
    }, plainCodec);
    expect(plan.memberships.map((m) => [m.kind, m.recordKeys])).toEqual([
      ['address', ['crm|1', 'crm|2']],
      ['landline', ['crm|1']],
    ]);
    expect(plan.memberships[0]!.value).toBe('12 Quillfeather Lane, sw1a 1aa, GB');
    expect(plan.memberships[0]!.id).toMatch(/^hh_[0-9a-f]{24}$/);
    expect(plan.memberships[0]!.id).not.toContain('quillfeather');
  });

  it('names the organisation of a billing account its account holder, of a CRM contact its employer', () => {
    const plan = planRelationships({
      id: 'cus_1',
      status: 'active',
      records: [record('billing|A1', { organisation: 'Fernwright Ltd' }, 'billing'), record('crm|1', { organisation: 'Fernwright Limited' }), record('web|1', { organisation: 'Fernwright' }, 'web')],
    }, plainCodec);
    expect(plan.affiliations.map((a) => [a.role, a.sources, a.recordKeys])).toEqual([
      ['account_holder', ['billing'], ['billing|A1']],
      ['employer', ['crm', 'web'], ['crm|1', 'web|1']],
    ]);
    expect(new Set(plan.affiliations.map((a) => a.id)).size).toBe(1);
  });

  it('keys households and organisations by a keyed hash with the encrypting codec, the same for the same home', () => {
    const codec = encryptingCodec(keyRing('k1', new Map([['k1', randomBytes(32)]]), randomBytes(32)));
    const plan = (street: string) =>
      planRelationships({ id: 'cus_1', status: 'active', records: [record('crm|1', { addresses: [{ lines: [street], postcode: 'SW1A 1AA' }], organisation: 'Fernwright Ltd' })] }, codec);
    const [a, b] = [plan('12 Quillfeather Lane'), plan('12 Quillfeather Ln')];
    expect(a.memberships[0]!.key).toMatch(/^household:address:[0-9a-f]{32}$/);
    expect(a.affiliations[0]!.key).toMatch(/^organisation:[0-9a-f]{32}$/);
    expect(b.memberships[0]!.key).toBe(a.memberships[0]!.key);
    expect(a.memberships[0]!.id).not.toBe(planRelationships({ id: 'cus_1', status: 'active', records: [record('crm|1', { addresses: [{ lines: ['12 Quillfeather Lane'], postcode: 'SW1A 1AA' }] })] }, plainCodec).memberships[0]!.id);
  });

  it('gives a merged-away customer no household and no organisation', () => {
    const plan = planRelationships({ id: 'cus_1', status: 'merged', records: [record('crm|1', { addresses: [{ lines: ['12 Quillfeather Lane'], postcode: 'SW1A 1AA' }], organisation: 'X' })] }, plainCodec);
    expect(plan).toEqual({ customerId: 'cus_1', memberships: [], affiliations: [] });
  });
});
