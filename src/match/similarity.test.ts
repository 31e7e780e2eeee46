import { describe, expect, it } from 'vitest';
import { editDistance, isDateTypo, jaro, jaroWinkler, phoneticCodes, soundAlike } from './similarity.ts';

describe('jaroWinkler', () => {
  it('reproduces the published reference values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('counts a common prefix of at most four characters', () => {
    // jaro = (6/7 + 6/7 + 1) / 3 = 0.9048; prefix 4 gives 0.9048 + 0.4 * 0.0952.
    expect(jaroWinkler('johnson', 'johnsen')).toBeCloseTo(0.9429, 4);
    expect(jaroWinkler('abcdxxxx', 'abcdyyyy')).toBeCloseTo(0.8, 4);
  });

  it('is 1 for equal strings and 0 with nothing in common or one side empty', () => {
    expect(jaroWinkler('ann', 'ann')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('', '')).toBe(1);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('catherine', 'kathryn')).toBeCloseTo(jaroWinkler('kathryn', 'catherine'), 12);
  });
});

describe('phonetic codes', () => {
  it('gives Double Metaphone primary and alternate codes', () => {
    expect(phoneticCodes('smith')).toEqual(['SM0', 'XMT']);
    expect(phoneticCodes('')).toEqual([]);
  });

  it('finds names that sound alike', () => {
    expect(soundAlike('catherine', 'kathryn')).toBe(true);
    expect(soundAlike('smith', 'schmidt')).toBe(true);
    expect(soundAlike('smith', 'jones')).toBe(false);
  });
});

describe('editDistance', () => {
  it('counts single-character edits', () => {
    expect(editDistance('jon.smith', 'john.smith')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('isDateTypo', () => {
  it('accepts month and day swapped in the same year', () => {
    expect(isDateTypo('1985-03-07', '1985-07-03')).toBe(true);
    expect(isDateTypo('1985-03-07', '1986-07-03')).toBe(false);
  });

  it('accepts one digit off or two adjacent digits transposed', () => {
    expect(isDateTypo('1985-03-07', '1985-03-08')).toBe(true);
    expect(isDateTypo('1985-03-07', '1986-03-07')).toBe(true);
    expect(isDateTypo('1985-03-07', '1958-03-07')).toBe(true);
  });

  it('rejects equal dates and two unrelated digits', () => {
    expect(isDateTypo('1985-03-07', '1985-03-07')).toBe(false);
    expect(isDateTypo('1985-03-07', '1985-04-08')).toBe(false);
  });
});
