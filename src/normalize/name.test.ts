import { describe, expect, it } from 'vitest';
import {
  alternateSpellings,
  canonicalGivenNames,
  familyKey,
  normalizeName,
  primaryGivenName,
  splitFullName,
} from './name.ts';
import { NICKNAMES } from './nicknames.ts';

describe('normalizeName', () => {
  it.each([
    ['José Álvarez-García', 'jose alvarezgarcia'],
    ["O'Brien", 'obrien'],
    ['O’Brien', 'obrien'],
    ['O´Brien', 'obrien'],
    ['  SMITH,   JOHN ', 'smith john'],
    ['Müller', 'muller'],
    ['Mueller', 'mueller'],
    ['Strauß', 'strauss'],
    ['Søren Kierkegaard', 'soren kierkegaard'],
    ['Æsa Brænde', 'aesa braende'],
    ['Łukasz Wałęsa', 'lukasz walesa'],
    ['Đorđe', 'dorde'],
    ['Zoë Saldaña', 'zoe saldana'],
    ['Jean-Pierre', 'jeanpierre'],
    ['Jean – Pierre', 'jean pierre'],
    ['Dr. Jane Q. Public Jr.', 'dr jane q public jr'],
    ['ＪＯＨＮ', 'john'],
    ['Иван Петров', 'иван петров'],
    ['', ''],
    [' .,; ', ''],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeName(raw)).toBe(expected);
  });
});

describe('familyKey', () => {
  it.each([
    ['Van der Berg', 'vanderberg'],
    ['van Dijk', 'vandijk'],
    ['Van Dijk', 'vandijk'],
    ['Vandijk', 'vandijk'],
    ['McDonald', 'mcdonald'],
    ['Mc Donald', 'mcdonald'],
    ["O'Brien", 'obrien'],
    ['O Brien', 'obrien'],
    ['Álvarez-García', 'alvarezgarcia'],
    ['Álvarez García', 'alvarezgarcia'],
    ['de la Cruz', 'delacruz'],
    ['Müller', 'muller'],
  ])('%j -> %j', (family, expected) => {
    expect(familyKey(family)).toBe(expected);
  });
});

describe('alternateSpellings', () => {
  it.each([
    ['mueller', ['mueller', 'muller']],
    ['koenig', ['koenig', 'konig']],
    ['schaefer', ['schaefer', 'schafer']],
    ['muller', ['muller']],
    ['smith', ['smith']],
  ])('%j -> %j', (name, expected) => {
    expect(alternateSpellings(name)).toEqual(expected);
  });

  it("lets 'Müller' and 'Mueller' meet", () => {
    expect(alternateSpellings(familyKey('Mueller'))).toContain(familyKey('Müller'));
  });
});

describe('splitFullName', () => {
  it.each([
    ['Jane Public', { given: 'Jane', family: 'Public' }],
    ['Dr. Jane Q. Public Jr.', { given: 'Jane', middle: 'Q.', family: 'Public' }],
    ['SMITH, JOHN', { given: 'JOHN', family: 'SMITH' }],
    ['Smith, John Paul', { given: 'John', middle: 'Paul', family: 'Smith' }],
    ['Smith, Mr John', { given: 'John', family: 'Smith' }],
    ['John Smith, Jr.', { given: 'John', family: 'Smith' }],
    ['Smith, John, PhD', { given: 'John', family: 'Smith' }],
    ['Prof. Dr. Hans Müller', { given: 'Hans', family: 'Müller' }],
    ['Ludwig van Beethoven', { given: 'Ludwig', family: 'van Beethoven' }],
    ['Vincent van der Berg', { given: 'Vincent', family: 'van der Berg' }],
    ['Maria de la Cruz', { given: 'Maria', family: 'de la Cruz' }],
    ['Anna Maria von Trapp', { given: 'Anna', middle: 'Maria', family: 'von Trapp' }],
    ['Ronald Mc Donald', { given: 'Ronald', family: 'Mc Donald' }],
    ["Sean O' Brien", { given: 'Sean', family: "O' Brien" }],
    ["Sean O'Brien", { given: 'Sean', family: "O'Brien" }],
    ['John O. Smith', { given: 'John', middle: 'O.', family: 'Smith' }],
    ['Ahmed bin Rashid', { given: 'Ahmed', family: 'bin Rashid' }],
    ['Al Pacino', { given: 'Al', family: 'Pacino' }],
    ['José Álvarez-García', { given: 'José', family: 'Álvarez-García' }],
    ['Jean-Pierre Dupont', { given: 'Jean-Pierre', family: 'Dupont' }],
    ['William "Bill" Gates III', { given: 'William', family: 'Gates' }],
    ['Robert (Bob) Jones Sr', { given: 'Robert', family: 'Jones' }],
    ['Mary St. Clair', { given: 'Mary', family: 'St. Clair' }],
    ['Mme Claire Dubois', { given: 'Claire', family: 'Dubois' }],
    ['Madonna', { given: 'Madonna' }],
    ['Mr Smith', { family: 'Smith' }],
    ['Dr', { given: 'Dr' }],
    ['', {}],
    [' , ', {}],
  ])('%j', (full, expected) => {
    expect(splitFullName(full)).toEqual(expected);
  });
});

describe('primaryGivenName', () => {
  it.each([
    ['William', 'william'],
    ['  Mary Ann ', 'mary'],
    ['Jean-Pierre', 'jeanpierre'],
    ['Dr. Jane', 'jane'],
    ['J.R.', 'j'],
    ['Zoë', 'zoe'],
    ['', null],
    ['...', null],
  ])('%j -> %j', (given, expected) => {
    expect(primaryGivenName(given)).toBe(expected);
  });
});

describe('canonicalGivenNames', () => {
  it.each([
    ['Bill', ['william']],
    ['billy', ['william']],
    ['Will', ['william']],
    ['WILLY', ['wilhelm', 'william']],
    ['William', ['william']],
    ['Liz', ['elizabeth']],
    ['Beth', ['elizabeth']],
    ['Betty', ['elizabeth']],
    ['Eliza', ['elizabeth']],
    ['Elisabeth', ['elizabeth']],
    ['Bob', ['robert']],
    ['Robbie', ['robert']],
    ['Peggy', ['margaret']],
    ['Meg', ['margaret']],
    ['Kate', ['katherine']],
    ['Catherine', ['katherine']],
    ['Kathy', ['katherine']],
    ['Jim', ['james']],
    ['Dick', ['richard']],
    ['Tony', ['anthony']],
    ['Sasha', ['alexander', 'alexandra']],
    ['Alex', ['alexander', 'alexandra']],
    ['Chris', ['christian', 'christine', 'christopher']],
    ['Hans', ['johannes']],
    ['Sepp', ['joseph']],
    ['Josef', ['joseph']],
    ['Fritz', ['frederick']],
    ['Jack', ['john']],
    ['Harry', ['harold', 'henry']],
    ['Zoë', ['zoe']],
    ['Quillfeather', ['quillfeather']],
    ['', []],
  ])('%j -> %j', (given, expected) => {
    expect(canonicalGivenNames(given)).toEqual(expected);
  });
});

describe('NICKNAMES', () => {
  const entries = Object.entries(NICKNAMES);

  it('holds at least 150 diminutive/canonical pairs', () => {
    expect(entries.reduce((sum, [, variants]) => sum + variants.length, 0)).toBeGreaterThanOrEqual(150);
  });

  it('is written in normalized form, one token per name', () => {
    for (const [canonical, variants] of entries) {
      for (const name of [canonical, ...variants]) expect(normalizeName(name).replaceAll(' ', '')).toBe(name);
    }
  });

  it('never lists a canonical name as a variant, nor a variant twice', () => {
    const canonicals = new Set(Object.keys(NICKNAMES));
    for (const [canonical, variants] of entries) {
      expect(variants.filter((variant) => canonicals.has(variant)), canonical).toEqual([]);
      expect(new Set(variants).size, canonical).toBe(variants.length);
    }
  });
});
