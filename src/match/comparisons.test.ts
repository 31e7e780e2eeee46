import { describe, expect, it } from 'vitest';
import defaultModelJson from '../../models/default-model.json' with { type: 'json' };
import { comparisonNamed, comparisons, levelOf, matchLevel, tfValues } from './comparisons.ts';
import { profileWith as p } from './test-profile.ts';

const label = (name: string, a: Parameters<typeof levelOf>[1], b: Parameters<typeof levelOf>[2]): string | null => {
  const level = levelOf(name, a, b);
  return level === null ? null : comparisonNamed(name)!.levels[level]!.label;
};

describe('levelOf', () => {
  it('is null when either side lacks the value', () => {
    for (const comparison of comparisons) expect(levelOf(comparison.name, p({}), p({ given: ['ann'], dob: '1980-01-01' }))).toBeNull();
  });

  it('grades given names: exact, nickname, similar, phonetic, swapped, different', () => {
    expect(label('given_name', p({ given: ['william'] }), p({ given: ['william'] }))).toBe('exact');
    expect(label('given_name', p({ given: ['bill'], givenCanonical: ['william'] }), p({ given: ['william'], givenCanonical: ['william'] }))).toBe('nickname');
    expect(label('given_name', p({ given: ['micheal'] }), p({ given: ['michael'] }))).toBe('similar');
    expect(label('given_name', p({ given: ['catherine'] }), p({ given: ['kathryn'] }))).toBe('phonetic');
    expect(label('given_name', p({ given: ['ann'] }), p({ given: ['zoe'] }))).toBe('different');
  });

  it('recognises given and family names swapped', () => {
    const a = p({ given: ['wei'], family: ['zhang'] });
    const b = p({ given: ['zhang'], family: ['wei'] });
    expect(label('given_name', a, b)).toBe('swapped');
    expect(label('family_name', a, b)).toBe('swapped');
    expect(label('given_name', a, p({ given: ['zhang'], family: ['li'] }))).toBe('different');
  });

  it('compares the best pair of lists', () => {
    const a = p({ emails: ['ann@work.example', 'ann.lee@mail.example'] });
    const b = p({ emails: ['other@x.example', 'ann.lee@mail.example'] });
    expect(matchLevel('email', a, b)).toEqual({ level: 0, values: ['ann.lee@mail.example'] });
  });

  it('grades family names and returns the agreeing values for term frequencies', () => {
    expect(matchLevel('family_name', p({ family: ['smith', 'okonkwo'] }), p({ family: ['okonkwo', 'smith'] }))).toEqual({ level: 0, values: ['smith', 'okonkwo'] });
    expect(label('family_name', p({ family: ['johnson'] }), p({ family: ['johnsen'] }))).toBe('similar');
    expect(label('family_name', p({ family: ['smith'] }), p({ family: ['schmidt'] }))).toBe('phonetic');
    expect(label('family_name', p({ family: ['smith'] }), p({ family: ['jones'] }))).toBe('different');
  });

  it('grades dates of birth', () => {
    const dob = (value: string) => p({ dob: value });
    expect(label('date_of_birth', dob('1985-03-07'), dob('1985-03-07'))).toBe('exact');
    expect(label('date_of_birth', dob('1985-03-07'), dob('1985-07-03'))).toBe('typo');
    expect(label('date_of_birth', dob('1985-03-07'), dob('1985-03-08'))).toBe('typo');
    expect(label('date_of_birth', dob('1985-03-07'), dob('1985-11-21'))).toBe('same_year');
    expect(label('date_of_birth', dob('1985-03-07'), dob('1990-11-21'))).toBe('different');
  });

  it('grades emails', () => {
    const email = (value: string) => p({ emails: [value] });
    expect(label('email', email('ann.lee@mail.example'), email('ann.lee@work.example'))).toBe('same_local_part');
    expect(label('email', email('ann.lee@mail.example'), email('ann.le@mail.example'))).toBe('local_part_one_edit');
    expect(label('email', email('ann@mail.example'), email('anne@mail.example'))).toBe('different');
    expect(label('email', email('ann.lee@mail.example'), email('bob.ray@mail.example'))).toBe('different');
  });

  it('grades phones, postcodes, streets, cities', () => {
    expect(label('phone', p({ phones: ['+441632960123'] }), p({ phones: ['+441632960123'] }))).toBe('exact');
    expect(label('phone', p({ phones: ['+441632960123'] }), p({ phones: ['+442072960123'] }))).toBe('last_7_digits');
    expect(label('phone', p({ phones: ['+441632960123'] }), p({ phones: ['+441632960999'] }))).toBe('different');
    expect(label('postcode', p({ postcodes: ['SW1A 1AA'] }), p({ postcodes: ['SW1A 2BB'] }))).toBe('same_district');
    expect(label('postcode', p({ postcodes: ['94110'] }), p({ postcodes: ['94103'] }))).toBe('same_district');
    expect(label('postcode', p({ postcodes: ['M1 1AE'] }), p({ postcodes: ['M14 5XY'] }))).toBe('different');
    expect(label('street', p({ streets: ['12 quillfeather lane'] }), p({ streets: ['12 quilfeather lane'] }))).toBe('similar');
    expect(label('street', p({ streets: ['12 quillfeather lane'] }), p({ streets: ['7 harbour road'] }))).toBe('different');
    expect(label('city', p({ cities: ['leeds'] }), p({ cities: ['leeds', 'york'] }))).toBe('exact');
  });

  it('grades strong identifiers: shared, conflicting, no common type', () => {
    const ids = (...values: string[]) => p({ ids: values });
    expect(label('strong_id', ids('national_id:AB123', 'loyalty_number:9'), ids('national_id:AB123'))).toBe('shared');
    expect(label('strong_id', ids('national_id:AB123'), ids('national_id:ZZ999'))).toBe('conflicting');
    expect(label('strong_id', ids('national_id:AB123'), ids('tax_id:ZZ999'))).toBe('no_common_type');
  });

  it('refuses an unknown comparison', () => {
    expect(() => levelOf('shoe_size', p({}), p({}))).toThrow(/unknown comparison/);
  });
});

describe('the catalog', () => {
  it('gives every comparison m and u that are distributions', () => {
    for (const comparison of comparisons) {
      expect(comparison.levels.reduce((sum, level) => sum + level.m, 0)).toBeCloseTo(1, 9);
      expect(comparison.levels.reduce((sum, level) => sum + level.u, 0)).toBeCloseTo(1, 9);
    }
  });

  it('holds the same levels, m and u as models/default-model.json', () => {
    expect(defaultModelJson.comparisons).toEqual(
      comparisons.map((c) => ({ name: c.name, levels: c.levels.map(({ label, m, u }) => ({ label, m, u })) })),
    );
  });

  it('names the values term frequencies count', () => {
    expect(tfValues('family_name', p({ family: ['lee'] }))).toEqual(['lee']);
    expect(tfValues('city', p({ cities: ['leeds'] }))).toEqual([]);
  });
});
