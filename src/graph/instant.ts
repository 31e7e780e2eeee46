/**
 * A Neo4j datetime as text that sorts as the instant does. Neo4j's toString() and the
 * driver drop trailing zeros of the fraction ("…:01Z", "…:01.5Z", "…:01.512Z"), so plain
 * string order put "…:01.5Z" after "…:01.512Z". The fraction is padded to nanoseconds.
 * @example sortableInstant('2026-11-23T02:19:01.5Z') // '2026-11-23T02:19:01.500000000Z'
 */
export function sortableInstant(text: string): string {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(.*)$/.exec(text);
  if (!match) return text;
  return `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}${match[3]}`;
}

/** Orders two datetimes as text; ties are 0. */
export const compareInstants = (a: string, b: string): number => {
  const [x, y] = [sortableInstant(a), sortableInstant(b)];
  return x < y ? -1 : x > y ? 1 : 0;
};
