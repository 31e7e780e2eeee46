import { describe, expect, it } from 'vitest';
import { personSchema, type Person } from '../ingest/canonical.ts';
import { profileOf } from './profile-of.ts';
import type { MatchProfile } from './profile.ts';

const person = (input: Record<string, unknown>): Person => personSchema.parse(input);

const EMPTY: MatchProfile = {
  given: [], givenCanonical: [], family: [], dob: null, emails: [], phones: [], postcodes: [],
  streets: [], cities: [], countries: [], ids: [],
};

describe('profileOf', () => {
  it('reduces a full record to its normalized features', () => {
    const profile = profileOf(
      person({
        names: [{ given: 'Bill', middle: 'Henry', family: 'Van der Berg' }],
        emails: ['Bill.VanDerBerg+shop@GoogleMail.com'],
        phones: ['020 7946 0018'],
        addresses: [{ lines: ['Flat 3', '12 Quillfeather Ln'], city: 'London', postcode: 'sw1a1aa', country: 'GB' }],
        dateOfBirth: '1971-03-05',
        identifiers: [{ type: 'customer_number', value: ' c000 123 ' }],
      }),
    );
    expect(profile).toEqual({
      given: ['bill'],
      givenCanonical: ['william'],
      family: ['vanderberg'],
      dob: '1971-03-05',
      emails: ['billvanderberg@gmail.com'],
      phones: ['+442079460018'],
      postcodes: ['SW1A 1AA'],
      streets: ['12 quillfeather lane'],
      cities: ['london'],
      countries: ['GB'],
      ids: ['customer_number:C000123'],
    });
  });

  it('gives an empty profile for an empty person', () => {
    expect(profileOf(person({}))).toEqual(EMPTY);
  });

  it.each<[Record<string, unknown>, Pick<MatchProfile, 'given' | 'family'>]>([
    [{ full: 'SMITH, JOHN' }, { given: ['john'], family: ['smith'] }],
    [{ full: 'Dr. Jane Q. Public Jr.' }, { given: ['jane'], family: ['public'] }],
    [{ full: 'José Álvarez-García' }, { given: ['jose'], family: ['alvarezgarcia'] }],
    [{ full: 'Ludwig van Beethoven' }, { given: ['ludwig'], family: ['vanbeethoven'] }],
    [{ given: 'Mary Ann', family: "O'Brien" }, { given: ['mary'], family: ['obrien'] }],
    [{ given: 'Ronald', full: 'Ronald Mc Donald' }, { given: ['ronald'], family: ['mcdonald'] }],
    [{ family: 'Müller', full: 'Hans Mueller' }, { given: ['hans'], family: ['muller'] }],
    [{ given: 'Madonna' }, { given: ['madonna'], family: [] }],
  ])('reads the name %j', (name, expected) => {
    const { given, family } = profileOf(person({ names: [name] }));
    expect({ given, family }).toEqual(expected);
  });

  it('keeps every name a record holds, deduplicated and sorted', () => {
    const profile = profileOf(
      person({ names: [{ given: 'Liz', family: 'Taylor' }, { full: 'Elizabeth Taylor' }, { given: 'LIZ', family: 'taylor' }] }),
    );
    expect(profile.given).toEqual(['elizabeth', 'liz']);
    expect(profile.givenCanonical).toEqual(['elizabeth']);
    expect(profile.family).toEqual(['taylor']);
  });

  it('maps an ambiguous diminutive to every name it may stand for', () => {
    expect(profileOf(person({ names: [{ given: 'Sasha' }] })).givenCanonical).toEqual(['alexander', 'alexandra']);
  });

  it('reads national phones in the address country, else the default country', () => {
    const withAddress = person({ phones: ['030 901820', '+33 1 42 68 53 00'], addresses: [{}, { country: 'DE' }] });
    expect(profileOf(withAddress, 'US').phones).toEqual(['+33142685300', '+4930901820']);
    const phones = ['(202) 555-0143', '+33 1 42 68 53 00'];
    expect(profileOf(person({ phones }), 'US').phones).toEqual(['+12025550143', '+33142685300']);
    expect(profileOf(person({ phones })).phones).toEqual(['+33142685300']);
  });

  it('normalizes each address in its own country, falling back to the default', () => {
    const profile = profileOf(
      person({
        addresses: [
          { lines: ['Hauptstr. 5'], city: 'München', postcode: 'D-80331', country: 'DE' },
          { lines: ['Hauptstraße 5'], city: 'Munchen', postcode: '80331' },
          { lines: ['12 Main St', 'Apt 3'], city: 'Springfield', postcode: '62701-1234', country: 'US' },
          { postcode: 'not a postcode', country: 'GB' },
        ],
      }),
      'DE',
    );
    expect(profile.streets).toEqual(['12 main street', 'hauptstrasse 5']);
    expect(profile.cities).toEqual(['munchen', 'springfield']);
    expect(profile.postcodes).toEqual(['62701', '80331']);
    expect(profile.countries).toEqual(['DE', 'GB', 'US']);
  });

  it('keeps strong identifiers as type:value and leaves out cookies and devices', () => {
    const { ids } = profileOf(
      person({
        identifiers: [
          { type: 'national_id', value: 'ab 12-34.56 c' },
          { type: 'loyalty_number', value: 'L 555' },
          { type: 'user_id', value: 'u-42' },
          { type: 'tax_id', value: 'DE 123/456' },
          { type: 'account_number', value: 'a1' },
          { type: 'account_number', value: 'A 1' },
          { type: 'cookie', value: 'ck-1' },
          { type: 'device', value: 'dev-1' },
        ],
      }),
    );
    expect(ids).toEqual([
      'account_number:A1',
      'loyalty_number:L555',
      'national_id:AB123456C',
      'tax_id:DE123456',
      'user_id:u-42',
    ]);
  });

  it('counts emails and phones filed as identifiers', () => {
    const profile = profileOf(
      person({
        emails: ['jane@example.com'],
        identifiers: [
          { type: 'email', value: 'JANE@example.com' },
          { type: 'email', value: 'j.ane@gmail.com' },
          { type: 'phone', value: '020 7946 0018' },
        ],
      }),
      'GB',
    );
    expect(profile.emails).toEqual(['jane@example.com', 'jane@gmail.com']);
    expect(profile.phones).toEqual(['+442079460018']);
    expect(profile.ids).toEqual([]);
  });

  it('leaves out what does not normalize', () => {
    const profile = profileOf(
      person({ emails: ['not an email'], phones: ['12345'], names: [{ given: '...' }], dateOfBirth: '1890-01-01' }),
      'GB',
    );
    expect(profile).toEqual(EMPTY);
  });
});
