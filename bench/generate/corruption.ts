import { NICKNAMES as PRODUCT_NICKNAMES } from '../../src/normalize/nicknames.ts';
import type { CountryCode } from './countries.ts';
import type { Random } from './random.ts';

/**
 * How far records stray from the person they describe. Per-record rates are chances for
 * each record a source holds (a source's second record of a person rolls its own); per
 * person rates are chances for each person; `duplicateRecord` is per person and source.
 *
 * `defaultCorruption` is the hard data identity resolution is evaluated on: over two
 * corrupted fields per duplicate record on average (see measure.ts for how that is
 * counted), e-mail missing from over a fifth of the records that name a person, people
 * who moved or married, households, namesakes and duplicates within a source.
 * `mildCorruption` is the well-kept estate the ingest benchmark loads.
 */
export type CorruptionRates = {
  /** Per record: a name part has one typing slip (two letters swapped, one dropped, doubled or a neighbouring key). */
  typo: number;
  /** Per record: the given name as a nickname (William → Bill), or a nickname as the formal name, from the product's table. */
  nickname: number;
  /** Per record: the given name cut to its initial ('J.' or 'J'). */
  initial: number;
  /** Per record: given and family name swapped. */
  swappedNames: number;
  /** Per record: the name in capitals or in lower case. */
  nameCase: number;
  /** Per record: the record's system drops diacritics (José → Jose, Müller → Mueller, Rue de l'Église → Rue de l'Eglise). */
  plainText: number;
  /** Per record that could carry an e-mail: it has none. */
  missingEmail: number;
  /** Per record with an e-mail: capital letters in it, or a typing slip in its local part. */
  emailVariant: number;
  /** Per phone shown: written in a format the source does not usually use ('+44 (0)7400 123456', '212.555.0142'). */
  phoneFormat: number;
  /** Per address shown, for the street and the postcode each: written another way (St/Street, Str./Straße, 'sw1a1aa', '1067' for '01067'). */
  addressFormat: number;
  /** Per address shown: a typing slip in the street or the town. */
  addressTypo: number;
  /** Per optional field shown (phone, town, postcode, date of birth): left blank. */
  missingValue: number;
  /** Per date of birth shown: day and month swapped, the year off by one, or 1 January standing for an unknown day. */
  dateOfBirthSlip: number;
  /** Per person: has moved; records last updated before the move keep the old address. */
  moved: number;
  /** Per person: changed family name (marriage); records last updated before the change keep the old one. */
  familyChange: number;
  /** Per person: changed personal e-mail address; records last updated before the change keep the old one. */
  emailChange: number;
  /** Per person: lives with an earlier person of the same country: same address and home phone, usually the family name. */
  sharedHousehold: number;
  /** Per person: has the full name and birth year of an earlier person (a different e-mail, phone and address). */
  namesake: number;
  /** Per person and source: the source holds a second record of the person (another id), made by mistake. */
  duplicateRecord: number;
};

export const defaultCorruption: CorruptionRates = {
  typo: 0.35,
  nickname: 0.5,
  initial: 0.08,
  swappedNames: 0.05,
  nameCase: 0.2,
  plainText: 0.5,
  missingEmail: 0.3,
  emailVariant: 0.2,
  phoneFormat: 0.35,
  addressFormat: 0.4,
  addressTypo: 0.1,
  missingValue: 0.15,
  dateOfBirthSlip: 0.12,
  moved: 0.2,
  familyChange: 0.06,
  emailChange: 0.12,
  sharedHousehold: 0.08,
  namesake: 0.012,
  duplicateRecord: 0.03,
};

/** The mild variation of a well-kept estate: a fifth of records without an e-mail, 2% with a typo in a name. */
export const mildCorruption: CorruptionRates = {
  typo: 0.02,
  nickname: 0,
  initial: 0,
  swappedNames: 0,
  nameCase: 0,
  plainText: 0,
  missingEmail: 0.2,
  emailVariant: 0,
  phoneFormat: 0,
  addressFormat: 0,
  addressTypo: 0,
  missingValue: 0,
  dateOfBirthSlip: 0,
  moved: 0,
  familyChange: 0,
  emailChange: 0,
  sharedHousehold: 0,
  namesake: 0,
  duplicateRecord: 0,
};

export const corruptionKeys = Object.keys(defaultCorruption) as (keyof CorruptionRates)[];

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sq', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k',
  m: 'n', n: 'bm', o: 'ip', p: 'o', q: 'w', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'x',
};

/** One typing slip somewhere after the first letter (people rarely get that one wrong). */
export function typo(random: Random, word: string): string {
  if (word.length < 4) return word;
  const at = random.int(1, word.length - 2);
  switch (random.int(0, 3)) {
    case 0:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + word[at] + word.slice(at);
    default: {
      const letter = word[at]!;
      const options = KEYBOARD_NEIGHBOURS[letter.toLowerCase()];
      if (!options) return word.slice(0, at) + word.slice(at + 1);
      const swapped = options[random.int(0, options.length - 1)]!;
      return word.slice(0, at) + (letter === letter.toUpperCase() ? swapped.toUpperCase() : swapped) + word.slice(at + 1);
    }
  }
}

/** A typing slip in one of the words of `text` long enough to take one (the longest, often the street name). */
export function typoInText(random: Random, text: string): string {
  const words = text.split(' ');
  const candidates = words.map((word, i) => [word, i] as const).filter(([word]) => /^\p{L}{4,}$/u.test(word));
  if (candidates.length === 0) return text;
  const [word, i] = random.pick(candidates);
  words[i] = typo(random, word);
  return words.join(' ');
}

const titleCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/**
 * Other forms of each given name, from the product's nickname table read both ways: the
 * canonical name leads to its nicknames and variants ('william' → 'bill', 'will', ...),
 * and a nickname or variant to its canonical name(s) ('liz' → 'elizabeth').
 */
const ALTERNATES: ReadonlyMap<string, readonly string[]> = (() => {
  const alternates = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (from === to) return;
    const set = alternates.get(from) ?? new Set<string>();
    set.add(to);
    alternates.set(from, set);
  };
  for (const [canonical, variants] of Object.entries(PRODUCT_NICKNAMES)) {
    for (const variant of variants) {
      add(canonical, variant);
      add(variant, canonical);
    }
  }
  return new Map([...alternates].map(([name, set]) => [name, [...set].sort()]));
})();

/** Whether the nickname table knows another form of this given name. */
export const hasNickname = (given: string): boolean => ALTERNATES.has(plain(given).toLowerCase());

/** Another form of the given name (Bill for William, Elizabeth for Liz), or the name itself when the table has none. */
export function nickname(random: Random, given: string): string {
  const options = ALTERNATES.get(plain(given).toLowerCase());
  return options ? titleCase(random.pick(options)) : given;
}

const GERMAN_LETTERS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/**
 * Text as an ASCII-only system keeps it: diacritics dropped, ß as ss; umlauts either
 * spelled out (Müller → Mueller) or just losing their dots (Muller), as `spellOut` says.
 */
export function plain(text: string, spellOut = false): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  const german = spellOut ? text.replace(/[äöüÄÖÜ]/g, (letter) => GERMAN_LETTERS[letter]!) : text;
  return german
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[æ]/g, 'ae')
    .replace(/[œ]/g, 'oe')
    .replace(/[ø]/g, 'o');
}

/** Street words and how else they are written, by country: either way round. */
const STREET_FORMS: Record<CountryCode, readonly (readonly [RegExp, readonly string[]])[]> = {
  GB: [],
  US: [],
  DE: [
    [/straße(?=\s|$)/i, ['str.', 'strasse']],
    [/str\.(?=\s|$)/i, ['straße', 'strasse']],
    [/\bPlatz\b/, ['Pl.']],
    [/\bWeg\b/, ['Wg.']],
  ],
  FR: [
    [/\bAvenue\b/, ['Av.', 'Ave']],
    [/\bBoulevard\b/, ['Bd', 'Bld']],
    [/\bPlace\b/, ['Pl.']],
    [/\bRue\b/, ['R.']],
    [/\bAllée(?=\s|$)/, ['All.', 'Allee']],
    [/\bImpasse\b/, ['Imp.']],
    [/\bRoute\b/, ['Rte']],
    [/\bChemin\b/, ['Ch.', 'Chem.']],
    [/\bFaubourg\b/, ['Fbg']],
  ],
};

const ENGLISH_WORDS: readonly (readonly [string, string])[] = [
  ['Street', 'St'], ['Road', 'Rd'], ['Avenue', 'Ave'], ['Lane', 'Ln'], ['Drive', 'Dr'], ['Court', 'Ct'],
  ['Place', 'Pl'], ['Boulevard', 'Blvd'], ['Square', 'Sq'], ['Crescent', 'Cres'], ['Close', 'Cl'],
  ['Terrace', 'Terr'], ['Gardens', 'Gdns'], ['Grove', 'Gro'], ['Highway', 'Hwy'], ['Parkway', 'Pkwy'],
  ['Circle', 'Cir'], ['Mount', 'Mt'], ['North', 'N'], ['South', 'S'], ['East', 'E'], ['West', 'W'],
];
for (const code of ['GB', 'US'] as const) {
  STREET_FORMS[code] = ENGLISH_WORDS.flatMap(([full, short]) => [
    [new RegExp(`\\b${full}\\b`), [short, `${short}.`]] as const,
    [new RegExp(`\\b${short}\\.?(?=\\s|$)`), [full]] as const,
  ]);
}

/**
 * The street written another way: a street word abbreviated or spelt out ('Main Street' →
 * 'Main St', 'Hauptstr.' → 'Hauptstraße'), else in capitals or lower case.
 */
export function streetVariant(random: Random, country: CountryCode, street: string): string {
  const forms = STREET_FORMS[country].filter(([pattern]) => pattern.test(street));
  if (forms.length > 0) {
    const [pattern, replacements] = random.pick(forms);
    const replacement = random.pick(replacements);
    // 'Metzer Str.' → 'Metzer Straße', 'Karlstr.' → 'Karlstraße': the case of the word replaced.
    const replaced = street.replace(pattern, (word) =>
      word[0] === word[0]!.toUpperCase() ? titleCase(replacement) : replacement.charAt(0).toLowerCase() + replacement.slice(1));
    if (replaced !== street) return replaced;
  }
  return random.chance(0.5) ? street.toUpperCase() : street.toLowerCase();
}

/**
 * The postcode written another way: GB without its space or in lower case; US as ZIP+4;
 * DE and FR with a country prefix, or without the leading zero a spreadsheet dropped.
 */
export function postcodeVariant(random: Random, country: CountryCode, postcode: string): string {
  switch (country) {
    case 'GB':
      return random.chance(0.5) ? postcode.replace(' ', '') : postcode.toLowerCase();
    case 'US':
      return postcode.startsWith('0') && random.chance(0.5) ? postcode.slice(1) : `${postcode}-${random.digits(4)}`;
    case 'DE':
    case 'FR':
      return postcode.startsWith('0') && random.chance(0.6) ? postcode.slice(1) : `${country === 'DE' ? 'D' : 'F'}-${postcode}`;
  }
}

/** The e-mail with capitals ('John.Smith@Gmail.com') or one slip in its local part. */
export function emailVariant(random: Random, email: string): string {
  const at = email.indexOf('@');
  const local = email.slice(0, at);
  if (random.chance(0.5) || local.length < 4) {
    if (random.chance(0.3)) return email.toUpperCase();
    return local.replace(/(^|[._-])([a-z])/g, (_m, sep: string, letter: string) => sep + letter.toUpperCase()) + email.slice(at);
  }
  return typo(random, local) + email.slice(at);
}

/** A date of birth as a slip makes it: day and month swapped, the year off by one, or 1 January. */
export function dateOfBirthVariant(random: Random, date: string): string {
  const [year, month, day] = [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)];
  const kind = random.int(0, 2);
  if (kind === 0 && Number(day) <= 12 && day !== month) return `${year}-${day}-${month}`;
  if (kind === 1 || (month === '01' && day === '01')) {
    const shifted = Number(year) + (random.chance(0.5) ? 1 : -1);
    // 29 February moves to the 28th in a year without it.
    const leap = shifted % 4 === 0 && (shifted % 100 !== 0 || shifted % 400 === 0);
    return `${shifted}-${month}-${month === '02' && day === '29' && !leap ? '28' : day}`;
  }
  return `${year}-01-01`;
}

const asciiCache = new Map<string, string>();

/** ASCII for e-mail local parts and slugs: accents dropped, ß and umlauts spelled out. */
export function ascii(text: string): string {
  const known = asciiCache.get(text);
  if (known !== undefined) return known;
  const plainText = text
    .replace(/ß/g, 'ss')
    .replace(/[äÄ]/g, 'ae')
    .replace(/[öÖ]/g, 'oe')
    .replace(/[üÜ]/g, 'ue')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
  // Inputs come from the name and company pools, so the cache stays small; the cap is a guard.
  if (asciiCache.size < 100_000) asciiCache.set(text, plainText);
  return plainText;
}
