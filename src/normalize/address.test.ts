import { describe, expect, it } from 'vitest';
import { normalizeCity, normalizePostcode, normalizeStreet } from './address.ts';

describe('normalizeStreet', () => {
  it.each<[string, string | undefined, string, string | null]>([
    ['12 Quillfeather Lane', 'GB', '12 quillfeather lane', null],
    ['12 Quillfeather Ln', 'GB', '12 quillfeather lane', null],
    ['12 Quillfeather Ln.', undefined, '12 quillfeather lane', null],
    ['Flat 3, 12 Quillfeather Ln', 'GB', '12 quillfeather lane', '3'],
    ['12 Quillfeather Lane Apt 3', 'GB', '12 quillfeather lane', '3'],
    ['12 Quillfeather Lane, Apt. #3', 'US', '12 quillfeather lane', '3'],
    ['Apartment 4B, 12 Quillfeather Lane', 'GB', '12 quillfeather lane', '4b'],
    ['12 Main St #3', 'US', '12 main street', '3'],
    ['#12 Main St', 'US', '12 main street', null],
    ['Suite 200, 1 Market Sq', 'US', '1 market square', '200'],
    ['Unit B, 7 Harbour Rd', 'AU', '7 harbour road', 'b'],
    ['3/12 Quillfeather Lane', 'AU', '12 quillfeather lane', '3'],
    ['Flat No. 5, 9 Acacia Ave', 'GB', '9 acacia avenue', '5'],
    ['100 N Main St NW', 'US', '100 north main street northwest', null],
    ['100 North Main Street Northwest', 'US', '100 north main street northwest', null],
    ['1600 Pennsylvania Ave NW', 'US', '1600 pennsylvania avenue northwest', null],
    ['5 Ocean Blvd', 'US', '5 ocean boulevard', null],
    ['8 Elm Ct', 'US', '8 elm court', null],
    ['2 Orchard Pl', 'GB', '2 orchard place', null],
    ['14 Birch Dr', 'US', '14 birch drive', null],
    ['14 Birch Rd', 'GB', '14 birch road', null],
    ['3 St Johns Rd', 'GB', '3 saint johns road', null],
    ["3 St. John's Road", 'GB', '3 saint johns road', null],
    ['Hauptstr. 5', 'DE', 'hauptstrasse 5', null],
    ['Hauptstraße 5', 'DE', 'hauptstrasse 5', null],
    ['Hauptstrasse 5', 'DE', 'hauptstrasse 5', null],
    ['Berliner Str. 12, Whg. 7', 'DE', 'berliner strasse 12', '7'],
    ['Berliner Straße 12', 'DE', 'berliner strasse 12', null],
    ['Berliner Str 12', undefined, 'berliner strasse 12', null],
    ['12 Main Str', 'US', '12 main street', null],
    ['12 r. de la Paix', 'FR', '12 rue de la paix', null],
    ['12 R de la Paix', 'FR', '12 rue de la paix', null],
    ['12 Rue de la Paix', 'FR', '12 rue de la paix', null],
    ['4 av. des Champs-Élysées', 'FR', '4 avenue des champs elysees', null],
    ['1 Rue Ste Catherine', 'FR', '1 rue ste catherine', null],
    ['Quillfeather House, 12 Quillfeather Lane', 'GB', '12 quillfeather lane', null],
    ['12 Quillfeather Lane, Kensington', 'GB', '12 quillfeather lane', null],
    ['Rose Cottage', 'GB', 'rose cottage', null],
  ])('%j (%s) -> %j, unit %j', (line, country, street, unit) => {
    expect(normalizeStreet(line, country)).toEqual({ street, unit });
  });

  it('treats both ways of writing a flat as one address', () => {
    expect(normalizeStreet('Flat 3, 12 Quillfeather Ln', 'GB')).toEqual(
      normalizeStreet('12 Quillfeather Lane Apt 3', 'GB'),
    );
  });

  it.each(['', '  ', ', ,', 'Flat 3'])('finds no street in %j', (line) => {
    expect(normalizeStreet(line, 'GB')).toBeNull();
  });
});

describe('normalizeCity', () => {
  it.each([
    ['London', 'london'],
    ['  NEW   YORK ', 'new york'],
    ['München', 'munchen'],
    ['Saint-Étienne', 'saint etienne'],
    ['St.-Étienne', 'saint etienne'],
    ['St Albans', 'saint albans'],
    ['Ste-Foy', 'sainte foy'],
    ['Mt. Vernon', 'mount vernon'],
    ['Ft Worth', 'fort worth'],
    ["King's Lynn", 'kings lynn'],
    ['Kraków', 'krakow'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeCity(raw)).toBe(expected);
  });

  it.each(['', ' ', '--'])('refuses %j', (raw) => {
    expect(normalizeCity(raw)).toBeNull();
  });
});

describe('normalizePostcode', () => {
  it.each<[string, string | undefined, string]>([
    ['SW1A1AA', 'GB', 'SW1A 1AA'],
    ['sw1a 1aa', 'GB', 'SW1A 1AA'],
    [' SW1A  1AA ', 'GB', 'SW1A 1AA'],
    ['EC1A1BB', 'GB', 'EC1A 1BB'],
    ['W1A 0AX', 'GB', 'W1A 0AX'],
    ['m11ae', 'GB', 'M1 1AE'],
    ['B33 8TH', 'GB', 'B33 8TH'],
    ['CR2 6XH', 'GB', 'CR2 6XH'],
    ['DN55 1PT', 'GB', 'DN55 1PT'],
    ['JE2 3AB', 'JE', 'JE2 3AB'],
    ['90210', 'US', '90210'],
    ['90210-1234', 'US', '90210'],
    ['902101234', 'US', '90210'],
    ['2134', 'US', '02134'],
    ['K1A0B1', 'CA', 'K1A 0B1'],
    ['k1a 0b1', 'CA', 'K1A 0B1'],
    ['1012ab', 'NL', '1012 AB'],
    ['10115', 'DE', '10115'],
    ['D-10115', 'DE', '10115'],
    ['75 001', 'FR', '75001'],
    ['F-75001', 'FR', '75001'],
    ['8001', 'CH', '8001'],
    ['1010', 'at', '1010'],
    ['D02 X285', 'IE', 'D02X285'],
    ['123-4567', 'JP', '123-4567'],
    ['ab 12', undefined, 'AB12'],
  ])('%j (%s) -> %j', (raw, country, expected) => {
    expect(normalizePostcode(raw, country)).toBe(expected);
  });

  it.each<[string, string | undefined]>([
    ['SW1A', 'GB'],
    ['SW1A 1CA', 'GB'],
    ['1AA SW1A', 'GB'],
    ['12345', 'GB'],
    ['9021', 'DE'],
    ['902100', 'DE'],
    ['ABCDE', 'FR'],
    ['123', 'US'],
    ['90210-12', 'US'],
    ['SW1A 1AA', 'US'],
    ['0123 AB', 'NL'],
    ['', 'JP'],
    ['n/a', 'JP'],
    ['  ', undefined],
  ])('refuses %j in %s', (raw, country) => {
    expect(normalizePostcode(raw, country)).toBeNull();
  });
});
