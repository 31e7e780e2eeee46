import type { Random } from './random.ts';

/**
 * How far records stray from the person they describe. Rates are probabilities per
 * person-bearing record (typo, nickname, missingEmail) or per person (sharedHousehold,
 * moved). The defaults are the mild variation of a well-kept estate; a later benchmark
 * raises them to test matching under harder data.
 */
export type CorruptionRates = {
  /** A record's name has one typing slip (swap, drop, double or wrong letter). */
  typo: number;
  /** A record uses a nickname for the given name (William → Bill) when one is known. */
  nickname: number;
  /** A record that could carry an email has none. */
  missingEmail: number;
  /** A person lives with an earlier person: same address and home phone, often the family name. */
  sharedHousehold: number;
  /** A person has moved: each source keeps the old address with probability one half. */
  moved: number;
};

export const mildCorruption: CorruptionRates = {
  typo: 0.02,
  nickname: 0,
  missingEmail: 0.2,
  sharedHousehold: 0,
  moved: 0,
};

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

const NICKNAMES: Record<string, readonly string[]> = {
  William: ['Bill', 'Will', 'Billy'], Robert: ['Bob', 'Rob', 'Bobby'], Elizabeth: ['Liz', 'Beth', 'Lizzie'],
  Margaret: ['Maggie', 'Peggy'], James: ['Jim', 'Jamie'], Thomas: ['Tom', 'Tommy'], Richard: ['Rick', 'Dick'],
  Michael: ['Mike', 'Mick'], Katherine: ['Kate', 'Kathy'], Catherine: ['Cathy', 'Kate'], Jennifer: ['Jen', 'Jenny'],
  Christopher: ['Chris'], Matthew: ['Matt'], Daniel: ['Dan', 'Danny'], Joseph: ['Joe'], Anthony: ['Tony'],
  Samuel: ['Sam'], Benjamin: ['Ben'], Alexander: ['Alex'], Jonathan: ['Jon'], Nicholas: ['Nick'], Patricia: ['Pat', 'Trish'],
  Susan: ['Sue'], Deborah: ['Debbie'], Rebecca: ['Becky'], Victoria: ['Vicky'], Edward: ['Ed', 'Ted'],
  Charles: ['Charlie'], Andrew: ['Andy'], Steven: ['Steve'], Stephen: ['Steve'], Timothy: ['Tim'], Peter: ['Pete'],
  Jessica: ['Jess'], Samantha: ['Sam'], Alexandra: ['Alex'], Abigail: ['Abby'], Eleanor: ['Ellie'], Charlotte: ['Lottie'],
  Henry: ['Harry'], David: ['Dave'], Joshua: ['Josh'], Zachary: ['Zach'], Frederick: ['Fred'], Gregory: ['Greg'],
  Johannes: ['Hans'], Friedrich: ['Fritz'], Katharina: ['Kathi'], Elisabeth: ['Lisa', 'Elli'], Maximilian: ['Max'],
  Josef: ['Sepp'], Franziska: ['Franzi'], Susanne: ['Susi'], Christian: ['Chris'], Wolfgang: ['Wolf'],
  Alexandre: ['Alex'], Nicolas: ['Nico'], Christophe: ['Chris'], Frédéric: ['Fred'], Isabelle: ['Isa'],
  Dominique: ['Dom'], Guillaume: ['Guigui'], Mathilde: ['Mathi'],
};

export function nickname(random: Random, given: string): string {
  const options = NICKNAMES[given];
  return options ? random.pick(options) : given;
}

const asciiCache = new Map<string, string>();

/** ASCII for e-mail local parts and slugs: accents dropped, ß and umlauts spelled out. */
export function ascii(text: string): string {
  const known = asciiCache.get(text);
  if (known !== undefined) return known;
  const plain = text
    .replace(/ß/g, 'ss')
    .replace(/[äÄ]/g, 'ae')
    .replace(/[öÖ]/g, 'oe')
    .replace(/[üÜ]/g, 'ue')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
  // Inputs come from the name and company pools, so the cache stays small; the cap is a guard.
  if (asciiCache.size < 100_000) asciiCache.set(text, plain);
  return plain;
}
