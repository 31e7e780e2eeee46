import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { GeneratedPerson } from '../../bench/generate/dataset.ts';
import type { ValueCodec } from '../../src/privacy/codec.ts';
import type { TestNeo4j } from './global-neo4j.ts';

/** What must never be stored or logged in clear, from the generator's truth about each person. */
export type Needles = { words: Set<string>; texts: Set<string>; digits: Set<string> };

const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const digitsOf = (text: string): string => text.replace(/\D/g, '');

/** Name tokens of 4 letters or more (as typed and folded), e-mails, phones as digits, streets, dates of birth in every form the sources write them. */
export function needlesOf(people: readonly GeneratedPerson[]): Needles {
  const needles: Needles = { words: new Set(), texts: new Set(), digits: new Set() };
  for (const { person: p } of people) {
    for (const name of [p.given, p.middle, p.family, p.previousFamily]) {
      for (const token of fold(name ?? '').split(/[^\p{L}]+/u)) if (token.length >= 4) needles.words.add(token);
    }
    for (const email of [p.email, p.workEmail, p.previousEmail]) if (email) needles.texts.add(email.toLowerCase());
    for (const address of [p.address, p.previousAddress]) {
      if (!address) continue;
      needles.texts.add(fold(address.street));
      // The street's name without its number ('larkspur lane'), when it is long enough to be the person's.
      const name = fold(address.street).replace(/^[\d\s,/-]+/, '');
      if (name.length >= 10) needles.texts.add(name);
    }
    const [y, m, d] = p.dateOfBirth.split('-');
    for (const form of [p.dateOfBirth, `${d}/${m}/${y}`, `${m}/${d}/${y}`, `${d}.${m}.${y}`]) needles.texts.add(form);
    needles.digits.add(`${y}${m}${d}`);
    for (const phone of [p.mobile, p.landline]) {
      if (!phone) continue;
      needles.digits.add(digitsOf(phone.e164));
      needles.digits.add(digitsOf(phone.national));
    }
  }
  return needles;
}

const ENCRYPTED = /enc1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]+/g;
const LOOKUP_KEY = /:h1:[A-Za-z0-9_-]{43}/g;
const TOKEN = /\b[0-9a-f]{32}\b/g;
// Random ids (randomUUID, cus_/evt_ hex ids): their digits, joined across hyphens, once spelled a date of birth by chance.
const RANDOM_ID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[a-z]{2,5}_[0-9a-f]{16,}\b/gi;

/**
 * A stored string with what is proven ciphertext taken out: every `enc1.` value must
 * decrypt with the codec (so clear text cannot hide behind the prefix), and keyed hashes
 * (lookup keys, tokens) and random ids are removed, since random base64 holds 4-letter runs
 * and random hex digit runs by chance.
 */
export function withoutCiphertext(codec: ValueCodec, text: string): string {
  return text
    .replace(ENCRYPTED, (value) => {
      codec.decode(value);
      return ' ';
    })
    .replace(LOOKUP_KEY, ' ')
    .replace(TOKEN, ' ')
    .replace(RANDOM_ID, ' ');
}

/** The needles found in one text, as 'kind:needle' (the test's own synthetic values, fine to print). */
export function leaksIn(needles: Needles, text: string): string[] {
  const folded = fold(text);
  const found: string[] = [];
  const words = new Set(folded.split(/[^\p{L}]+/u));
  for (const word of needles.words) {
    // Whole words for short names (4 or 5 letters occur inside ordinary words), any run for longer ones.
    if (word.length < 6 ? words.has(word) : folded.includes(word)) found.push(`name:${word}`);
  }
  for (const needle of needles.texts) if (folded.includes(needle)) found.push(`text:${needle}`);
  // Phone-like runs ('+44 (0)20 7946-0461') as digits only; a date of birth as digits too.
  const runs = (text.match(/[\d\s().+/-]{6,}/g) ?? []).map(digitsOf).filter((r) => r.length >= 6);
  for (const needle of needles.digits) if (runs.some((run) => run.includes(needle))) found.push(`digits:${needle}`);
  return found;
}

/** Every string (and number, as text) inside a property value, with the path it is at. */
export function* stringsOf(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (typeof value === 'number' || typeof value === 'bigint') yield [path, String(value)];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* stringsOf(item, `${path}[${i}]`);
  else if (value && typeof value === 'object' && !(value instanceof Date)) {
    // Neo4j integers and temporal values carry no text; anything else is walked.
    if ('low' in value && 'high' in value) yield [path, String(value)];
    else for (const [k, v] of Object.entries(value)) yield* stringsOf(v, `${path}.${k}`);
  } else if (value != null) yield [path, String(value)];
}

/**
 * The transaction log files of the test database, by name, with their sizes: read now and
 * again at the end, only what was appended in between is scanned, so that what earlier
 * test files of the same run wrote in clear (with the plain codec) does not count here.
 */
export type LogFiles = {
  sizes(): Promise<Map<string, number>>;
  /** The bytes of each file from the offset it had in `since` (0 for a file new since). */
  appended(since: ReadonlyMap<string, number>): Promise<Buffer>;
};

export function transactionLogs(neo4j: TestNeo4j): LogFiles {
  if ('dataDir' in neo4j.files) return localLogs(neo4j.files.dataDir);
  return containerLogs(neo4j.files.containerId, '/data/transactions/neo4j');
}

const TX_LOG = /^neostore\.transaction\.db\.\d+$/;
/** Neo4j's own logs beside the transaction logs, for the launcher (a failed query's parameters would land there). */
const SERVER_LOG = /^(debug|query)\.log$/;

/** The files under the launcher's home: data/transactions/neo4j/neostore.transaction.db.N, and logs/. */
function localLogs(dir: string): LogFiles {
  const sizes = async () => {
    const names = (await readdir(dir, { recursive: true })).filter((n) => (TX_LOG.test(basename(n)) && !n.includes('system')) || SERVER_LOG.test(basename(n)));
    return new Map(await Promise.all(names.map(async (n) => [n, (await stat(join(dir, n))).size] as const)));
  };
  return {
    sizes,
    async appended(since) {
      const parts: Buffer[] = [];
      for (const name of (await sizes()).keys()) parts.push((await readFile(join(dir, name))).subarray(since.get(name) ?? 0));
      return Buffer.concat(parts);
    },
  };
}

/** The same inside a container, through the container engine's exec (base64 keeps the bytes whole). */
function containerLogs(containerId: string, dir: string): LogFiles {
  const run = async (script: string): Promise<string> => {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await getContainerRuntimeClient();
    const container = client.container.getById(containerId);
    const result = await client.container.exec(container, ['sh', '-c', script]);
    if (result.exitCode !== 0) throw new Error(`exec in the Neo4j container failed (${result.exitCode})`);
    return result.output;
  };
  const sizes = async () => {
    const out = await run(`cd ${dir} && for f in neostore.transaction.db.*; do echo "$f $(wc -c < "$f")"; done`);
    return new Map(
      out
        .split('\n')
        .map((line) => line.trim().split(' '))
        .filter(([name, size]) => name !== undefined && TX_LOG.test(name) && size !== undefined)
        .map(([name, size]) => [name!, Number(size)] as const),
    );
  };
  return {
    sizes,
    async appended(since) {
      const parts: Buffer[] = [];
      for (const name of (await sizes()).keys()) parts.push(Buffer.from(await run(`tail -c +${(since.get(name) ?? 0) + 1} ${dir}/${name} | base64 -w0`), 'base64'));
      return Buffer.concat(parts);
    },
  };
}
