import { foldText } from './text.ts';

export type StreetLine = { street: string; unit: string | null };

/** Street words and their abbreviations, all read as the full word. */
const STREET_WORDS: Record<string, string> = {
  street: 'street', st: 'street', road: 'road', rd: 'road', avenue: 'avenue', ave: 'avenue',
  av: 'avenue', avn: 'avenue', lane: 'lane', ln: 'lane', drive: 'drive', dr: 'drive', drv: 'drive',
  court: 'court', ct: 'court', place: 'place', pl: 'place', boulevard: 'boulevard', blvd: 'boulevard',
  bd: 'boulevard', boul: 'boulevard', square: 'square', sq: 'square', crescent: 'crescent',
  cres: 'crescent', close: 'close', cl: 'close', terrace: 'terrace', terr: 'terrace', tce: 'terrace',
  gardens: 'gardens', gdns: 'gardens', grove: 'grove', gro: 'grove', highway: 'highway', hwy: 'highway',
  parkway: 'parkway', pkwy: 'parkway', circle: 'circle', cir: 'circle', mount: 'mount', mt: 'mount',
  north: 'north', n: 'north', south: 'south', s: 'south', east: 'east', e: 'east', west: 'west',
  w: 'west', ne: 'northeast', nw: 'northwest', se: 'southeast', sw: 'southwest',
  strasse: 'strasse', str: 'strasse', rue: 'rue', imp: 'impasse', rte: 'route', fbg: 'faubourg',
  che: 'chemin', chem: 'chemin',
};
/** Where 'str' is not Straße, and 'r' is not rue. */
const ENGLISH_SPEAKING = new Set(['GB', 'US', 'IE', 'AU', 'NZ', 'CA', 'ZA']);
const FRENCH_SPEAKING = new Set(['FR', 'BE', 'LU', 'MC', 'CH']);
const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest']);

/**
 * A flat, apartment, unit or suite designation and its number ('Flat 3', 'Apt. #4B', 'Suite
 * 200', 'Whg. 7', 'Main St #3'). The number has a digit or is a single letter, so 'Ste
 * Catherine' (Sainte) is not read as a suite; a '#' that starts the line is a house number.
 */
const UNIT = new RegExp(
  String.raw`(?:(?:^|\s)(?:flat|apt|apartment|unit|suite|ste|room|rm|whg|wohnung|app|appt|appartement)\.?\s*(?:no\.?\s*|#\s*)?|\s#\s*)` +
    String.raw`([0-9a-z]*[0-9][0-9a-z-]*|[a-z])(?=\s|$)`,
);
/** Australian style '3/12 Quillfeather Lane': unit 3 of number 12. */
const SLASH_UNIT = /^([0-9a-z]+)\s*\/\s*([0-9]+[a-z]?)\s/;

function expand(token: string, next: string | undefined, country: string | undefined): string {
  if (token === 'str') return country && ENGLISH_SPEAKING.has(country) ? 'street' : 'strasse';
  if (token === 'r' && country && FRENCH_SPEAKING.has(country)) return 'rue';
  // 'St' before a name is Saint: 'St Johns Road', but 'Main St', 'Main St NW'.
  if (token === 'st' && next !== undefined && !DIRECTIONS.has(STREET_WORDS[next] ?? '')) return 'saint';
  // German compounds: 'Hauptstr.' and 'Hauptstraße' are 'hauptstrasse'.
  if (/^\p{L}{2,}str$/u.test(token)) return `${token}asse`;
  return STREET_WORDS[token] ?? token;
}

function streetWords(segment: string, country: string | undefined): string {
  const tokens = segment.replace(/['’]/g, '').split(/[^\p{L}\p{N}]+/u).filter((token) => token.length > 0);
  return tokens.map((token, i) => expand(token, tokens[i + 1], country)).join(' ');
}

/**
 * The first line of an address as the matcher compares it: lowercase, without diacritics
 * or punctuation, street words and their abbreviations read as one word ('Ln' -> 'lane',
 * 'Hauptstr.' -> 'hauptstrasse', 'r.' -> 'rue'), and a flat, apartment, unit or suite
 * number taken out into `unit`. Several lines may be passed joined with commas: a segment
 * that is only a unit gives the unit, and the street is the first segment with a number in
 * it (else the first). Null when no street is left.
 * @example normalizeStreet('Flat 3, 12 Quillfeather Ln') // { street: '12 quillfeather lane', unit: '3' }
 */
export function normalizeStreet(line: string, country?: string): StreetLine | null {
  let unit: string | null = null;
  const segments: string[] = [];
  for (const raw of foldText(line).replace(/(^|\s)r\.(?=\s)/g, '$1rue').split(/[,;\n]/)) {
    let segment = raw.trim();
    const found: RegExpExecArray | null = unit === null ? UNIT.exec(segment) : null;
    if (found) {
      unit = found[1]!;
      segment = `${segment.slice(0, found.index)} ${segment.slice(found.index + found[0].length)}`.trim();
    }
    const slash: RegExpExecArray | null = unit === null ? SLASH_UNIT.exec(segment) : null;
    if (slash) {
      unit = slash[1]!;
      segment = `${slash[2]} ${segment.slice(slash[0].length)}`;
    }
    const street = streetWords(segment, country);
    if (street.length > 0) segments.push(street);
  }
  const street = segments.find((segment) => /\d/.test(segment)) ?? segments[0];
  return street === undefined ? null : { street, unit };
}

/** City words and abbreviations read as one word: 'St Albans' / 'Saint Albans'. */
const CITY_WORDS: Record<string, string> = { st: 'saint', ste: 'sainte', mt: 'mount', ft: 'fort' };

/**
 * A city as the matcher compares it: lowercase, without diacritics or punctuation
 * (hyphens are spaces, 'Saint-Étienne' = 'Saint Etienne'), St/Ste/Mt/Ft expanded. Null
 * when blank.
 * @example normalizeCity('St.-Étienne') // 'saint etienne'
 */
export function normalizeCity(raw: string): string | null {
  const words = foldText(raw).replace(/['’]/g, '').split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
  return words.length > 0 ? words.map((word) => CITY_WORDS[word] ?? word).join(' ') : null;
}

type PostcodeRule = { shape: RegExp; format: (match: RegExpExecArray) => string };

const digits = (count: number): PostcodeRule => ({ shape: new RegExp(`^(\\d{${count}})$`), format: (m) => m[1]! });
const spaced = (shape: RegExp): PostcodeRule => ({ shape, format: (m) => `${m[1]} ${m[2]}` });

// Outward code (A9, A99, A9A, AA9, AA99, AA9A), inward code (9AA without C, I, K, M, O, V).
const GB_STYLE = spaced(/^([A-Z][0-9]{1,2}|[A-Z][A-Z][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-Z][0-9][A-Z])([0-9][ABD-HJLNP-UW-Z]{2})$/);

/** Per country: the shape of a postcode without spaces and how it is written. */
const POSTCODES: Record<string, PostcodeRule> = {
  GB: GB_STYLE, JE: GB_STYLE, GG: GB_STYLE, IM: GB_STYLE,
  // ZIP+4 keeps only the ZIP; four digits are a ZIP whose leading zero a spreadsheet dropped.
  US: { shape: /^(\d{4,5})(?:-?\d{4})?$/, format: (m) => m[1]!.padStart(5, '0') },
  CA: spaced(/^([A-Z][0-9][A-Z])([0-9][A-Z][0-9])$/),
  NL: spaced(/^([1-9][0-9]{3})([A-Z]{2})$/),
  DE: digits(5), FR: digits(5), ES: digits(5), IT: digits(5),
  AT: digits(4), BE: digits(4), CH: digits(4), DK: digits(4), NO: digits(4), AU: digits(4),
};

/**
 * A postcode written the one way its country writes it, or null when it cannot be one
 * there. GB (and JE, GG, IM): uppercase with one space before the inward code; US: the
 * five-digit ZIP (ZIP+4 shortened); CA, NL: with their space; DE, FR, ES, IT: five digits;
 * AT, BE, CH, DK, NO, AU: four; a 'D-' or 'DE-' style country prefix is dropped. Other or
 * unknown countries: uppercase letters, digits and hyphens, spaces removed.
 * @example normalizePostcode('sw1a1aa', 'GB') // 'SW1A 1AA'
 * @example normalizePostcode('90210-1234', 'US') // '90210'
 */
export function normalizePostcode(raw: string, country: string | undefined): string | null {
  let code = foldText(raw).toUpperCase().replace(/\s+/g, '');
  const rule = country === undefined ? undefined : POSTCODES[country.toUpperCase()];
  if (!rule) return /^[A-Z0-9-]*[A-Z0-9][A-Z0-9-]*$/.test(code) ? code : null;
  code = code.replace(/^[A-Z]{1,2}-(?=\d)/, '');
  const match = rule.shape.exec(code);
  return match ? rule.format(match) : null;
}
