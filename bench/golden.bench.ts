/**
 * Golden record accuracy benchmark, run on demand (not a test):
 *   node bench/golden.bench.ts [--people 2000] [--seed 1] [--batch 500]
 *
 * Registers four user-defined sources of different priority, generates for each synthetic
 * person records in two to four of them and several versions of each record over time
 * (names, phones, addresses and dates of birth that change or get a slip fixed), sends
 * every version in a shuffled order (many arrive after a newer one) and compares each
 * person's stored golden record with what an oracle written here expects from the
 * generator's own knowledge and the configured rules. Every person has one e-mail in all
 * their records, so linking is deterministic: this measures survivorship, not matching.
 * Prints counts and timings only: no value of any record ever reaches the output.
 */
import { Faker } from '@faker-js/faker';
import { parseArgs } from 'node:util';
import type { GraphExecutor } from '../src/graph/executor.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { normalizeEmail } from '../src/normalize/email.ts';
import { normalizePhone } from '../src/normalize/phone.ts';
import { createServices, seedReferenceData, type Services } from '../src/services.ts';
import type { GoldenRecord } from '../src/golden/survivorship.ts';
import { peopleMapping } from '../test/support/people-source.ts';
import { countries, utcOffsetOn, type CountryCode } from './generate/countries.ts';
import { dateOfBirthVariant, hasNickname, mildCorruption, nickname, typo } from './generate/corruption.ts';
import { PersonFactory, type Address } from './generate/person.ts';
import { makePhone, type Phone, type PhoneStyle } from './generate/phone.ts';
import { poolsFor, streetLine } from './generate/pools.ts';
import { Random } from './generate/random.ts';
import { HISTORY_END, isoAt } from './generate/views.ts';
import { latencyLine, mib, startRssSampler } from './support/measure.ts';
import { openBenchDatabase } from './support/neo4j.ts';
import { positiveOption } from './support/options.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    batch: { type: 'string', default: '500' },
  },
  strict: true,
});
const option = (name: string): number => positiveOption(values, name);
const people = option('people');
const seed = option('seed');
const batchSize = Math.min(option('batch'), 1000);
const TARGET = 99.8;

const say = (line = '') => console.log(line);
const note = (msg: string) => console.error(msg);
const EMPTY = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS';

// ---- sources: the people mapping plus a customer number and the address's country ----

type SourceSpec = { name: string; priority: number; code: string; clock: 'utc' | 'local' };
const SOURCES: readonly SourceSpec[] = [
  { name: 'gold-ledger', priority: 80, code: 'L', clock: 'utc' },
  { name: 'gold-crm', priority: 60, code: 'C', clock: 'local' },
  { name: 'gold-shop', priority: 40, code: 'S', clock: 'utc' },
  { name: 'gold-survey', priority: 20, code: 'V', clock: 'local' },
];
const DEFAULT_COUNTRY = peopleMapping.defaultCountry;

const mappingOf = (source: SourceSpec) => ({
  ...peopleMapping,
  name: source.name,
  priority: source.priority,
  fields: [...peopleMapping.fields, { to: 'identifier.customer_number', from: 'customerNo' }, { to: 'address.country', from: 'country' }],
});

// ---- generator: people, their life events, and each record's versions ----

type Row = {
  id: string; updated: string; email: string; customerNo: string;
  given?: string; family?: string; phone?: string; dob?: string; street?: string; city?: string; postcode?: string; country?: string;
};
/** `arrival`: its place in the order sent, set when the order is drawn. */
type Version = { clock: number; row: Row; arrival: number };
type PlannedRecord = { source: SourceSpec; key: string; versions: Version[] };
type PlannedPerson = { index: number; records: PlannedRecord[] };

const START = Date.UTC(2019, 0, 1);
const STYLES: readonly PhoneStyle[] = ['e164', 'international', 'national', 'dashed'];
// The generator's own phone numbers come from the mobile plans; new numbers from the landline
// plans never collide with them, and distinct slots never collide with each other.
const NEW_PHONE_KEY = { multiplier: 2_718_283, offset: 1_618_033 };

const factory = new PersonFactory(seed, { ...mildCorruption, typo: 0, missingEmail: 0 });
const randomizer = new Random();
const fakers = Object.fromEntries(
  (Object.keys(countries) as CountryCode[]).map((code) => [code, new Faker({ locale: countries[code].locale, randomizer: { next: () => randomizer.next(), seed: (s) => randomizer.seed(s) } })]),
) as Record<CountryCode, Faker>;

/** Another address in the same country, from the generator's pools (a move). */
function newAddress(code: CountryCode, r: Random): Address {
  const pools = poolsFor(seed, code, fakers[code], randomizer);
  return { street: streetLine(code, r.pick(pools.streets), r), city: r.pick(pools.cities), postcode: countries[code].postcode(r, fakers[code]), country: code };
}

/** Whole seconds in [from, to], distinct, ascending. */
function moments(r: Random, n: number, from: number, to: number): number[] {
  const seconds = new Set<number>();
  while (seconds.size < n) seconds.add(r.int(Math.ceil(from / 1000), Math.floor(to / 1000)));
  return [...seconds].sort((a, b) => a - b).map((s) => s * 1000);
}

function planPerson(index: number): PlannedPerson {
  const person = factory.create(index, false);
  const r = new Random([seed, index, 31]);
  const code = person.country;
  const profile = countries[code];
  const since = Math.max(START, person.since);
  const at = () => r.int(since, HISTORY_END);
  // Life events: each source record shows the state at its version's time, unless the source never heard.
  const move = r.chance(0.35) ? { at: at(), to: newAddress(code, r) } : null;
  const phoneChange = r.chance(0.35) ? { at: at(), to: makePhone(profile, profile.landline, index, NEW_PHONE_KEY, r) } : null;
  const marriage = r.chance(0.15) ? { at: at(), to: r.pick(poolsFor(seed, code, fakers[code], randomizer).family.filter((f) => f !== person.family)) } : null;
  const alternate = hasNickname(person.given) ? nickname(r, person.given) : null;

  const count = 2 + r.weighted([0.4, 0.35, 0.25]);
  const chosen = [...SOURCES].map((s) => ({ s, k: r.next() })).sort((a, b) => a.k - b.k).slice(0, count).map((x) => x.s);
  const records = chosen.map((source): PlannedRecord => {
    const id = `${source.code}${String(index).padStart(7, '0')}`;
    const n = 2 + r.weighted([0.35, 0.3, 0.2, 0.15]);
    const times = moments(r, n, since, HISTORY_END);
    const staleFamily = r.chance(0.25);
    const stalePhone = r.chance(0.2);
    const staleAddress = r.chance(0.2);
    const style = r.pick(STYLES);
    const formal = alternate === null || !r.chance(0.4);
    const switchAt = alternate !== null && r.chance(0.15) ? r.int(1, n - 1) : n;
    const givenSlip = r.chance(0.15) ? typo(r, formal ? person.given : alternate!) : null;
    const familySlip = r.chance(0.1) ? typo(r, person.family) : null;
    const dobHeld = !r.chance(0.05);
    const dobSlip = r.chance(0.2) ? dateOfBirthVariant(r, person.dateOfBirth) : null;
    const dobSlipStays = dobSlip !== null && r.chance(0.2);
    const versions = times.map((clock, v): Version => {
      const useFormal = v < switchAt ? formal : !formal;
      const given = v === 0 && givenSlip !== null ? givenSlip : useFormal ? person.given : alternate!;
      const family = v === 0 && familySlip !== null ? familySlip : marriage && !staleFamily && clock >= marriage.at ? marriage.to : person.family;
      const phone: Phone = phoneChange && !stalePhone && clock >= phoneChange.at ? phoneChange.to : person.mobile;
      const address = move && !staleAddress && clock >= move.at ? move.to : person.address;
      const dob = dobSlip !== null && (v === 0 || dobSlipStays) ? dobSlip : person.dateOfBirth;
      const updated = source.clock === 'utc' ? new Date(clock).toISOString() : isoAt(clock, utcOffsetOn(profile, person.zone, new Date(clock)));
      const row: Row = { id, updated, email: person.email, customerNo: id, given, family };
      if (!r.chance(0.05)) row.phone = phone[style];
      if (dobHeld) row.dob = dob;
      if (!r.chance(0.04)) Object.assign(row, { street: address.street, city: address.city, postcode: address.postcode, country: address.country });
      return { clock, row, arrival: -1 };
    });
    return { source, key: `${source.name}|${id}`, versions };
  });
  return { index, records };
}

// ---- oracle: the configured rules applied to each record's latest version ----

type Criterion = 'source-priority' | 'most-recent' | 'most-frequent';
type Cand = { text: string; key: string; priority: number; clock: number; recordKey: string };
type Expected = { value: string | null; rule: string };
const ATTRIBUTES = ['givenName', 'familyName', 'dateOfBirth', 'phone', 'email', 'postcode'] as const;
type Attribute = (typeof ATTRIBUTES)[number];

const NAMES: readonly Criterion[] = ['source-priority', 'most-recent'];
const BIRTH: readonly Criterion[] = ['most-frequent', 'source-priority', 'most-recent'];
const CONTACT: readonly Criterion[] = ['most-recent', 'source-priority'];
const fold = (text: string) => text.trim().toLowerCase();
const compact = (postcode: string) => postcode.replace(/\s+/g, '').toUpperCase();

/** Keeps the best candidates by each criterion in turn; the rule is the first that leaves one value. */
function choose(cands: readonly Cand[], criteria: readonly Criterion[]): Expected {
  if (cands.length === 0) return { value: null, rule: 'none' };
  const distinct = (list: readonly Cand[]) => new Set(list.map((c) => c.key)).size;
  let rule = distinct(cands) === 1 ? 'only-value' : null;
  let left = [...cands];
  for (const criterion of criteria) {
    const score = (c: Cand) =>
      criterion === 'source-priority' ? c.priority : criterion === 'most-recent' ? c.clock : left.filter((o) => o.key === c.key).length;
    const best = Math.max(...left.map(score));
    left = left.filter((c) => score(c) === best);
    if (rule === null && distinct(left) === 1) rule = criterion;
  }
  left.sort((a, b) => (a.recordKey < b.recordKey ? -1 : a.recordKey > b.recordKey ? 1 : 0));
  return { value: left[0]!.text, rule: rule ?? 'tie-break' };
}

type Value = { text: string; key: string };
const text = (raw: string | undefined): Value | null => (raw?.trim() ? { text: raw.trim(), key: fold(raw) } : null);

/** How each checked attribute reads off one version's row, as the product is expected to normalize it. */
const READERS: Record<Attribute, (row: Row) => Value | null> = {
  givenName: (row) => text(row.given),
  familyName: (row) => text(row.family),
  dateOfBirth: (row) => text(row.dob),
  phone: (row) => {
    // Read in the record's address country, else the source's default country.
    const e164 = row.phone ? normalizePhone(row.phone, row.country ?? DEFAULT_COUNTRY) : null;
    return e164 === null ? null : { text: e164, key: e164 };
  },
  email: (row) => {
    const mailbox = normalizeEmail(row.email);
    return mailbox === null ? null : { text: mailbox, key: mailbox };
  },
  postcode: (row) =>
    row.street || row.postcode || row.city
      ? { text: compact(row.postcode ?? ''), key: `${fold(row.street ?? '')}|${compact(row.postcode ?? '')}|${row.country ?? ''}` }
      : null,
};
const RULES: Record<Attribute, readonly Criterion[]> = {
  givenName: NAMES, familyName: NAMES, dateOfBirth: BIRTH, phone: CONTACT, email: CONTACT, postcode: CONTACT,
};

function expectedOf(person: PlannedPerson): Record<Attribute, Expected> {
  const latest = person.records.map((record) => {
    const version = record.versions.reduce((a, b) => (b.clock > a.clock ? b : a));
    return { record, row: version.row, clock: version.clock };
  });
  const expected = {} as Record<Attribute, Expected>;
  for (const attribute of ATTRIBUTES) {
    const cands = latest.flatMap(({ record, row, clock }): Cand[] => {
      const value = READERS[attribute](row);
      return value === null ? [] : [{ ...value, priority: record.source.priority, clock, recordKey: record.key }];
    });
    expected[attribute] = choose(cands, RULES[attribute]);
  }
  return expected;
}

/** The baseline a naive store would show: each attribute as the last version to arrive that has it. */
function lastArrivalOf(person: PlannedPerson): Record<Attribute, string | null> {
  const versions = person.records.flatMap((r) => r.versions).sort((a, b) => b.arrival - a.arrival);
  const naive = {} as Record<Attribute, string | null>;
  for (const attribute of ATTRIBUTES) {
    naive[attribute] = versions.map((v) => READERS[attribute](v.row)).find((value) => value !== null)?.text ?? null;
  }
  return naive;
}

type Actual = { value: string | null; rule: string | null };

function actualOf(golden: GoldenRecord | null): Record<Attribute, Actual> {
  const shown = (value: { value: string; rule: string | null } | undefined): Actual => ({ value: value?.value ?? null, rule: value?.rule ?? null });
  const address = golden?.addresses.find((v) => v.preferred);
  return {
    givenName: shown(golden?.attributes.givenName),
    familyName: shown(golden?.attributes.familyName),
    dateOfBirth: shown(golden?.attributes.dateOfBirth),
    phone: shown(golden?.phones.find((v) => v.preferred)),
    email: shown(golden?.emails.find((v) => v.preferred)),
    postcode: { value: address === undefined ? null : compact(address.address.postcode ?? ''), rule: address?.rule ?? null },
  };
}

// ---- phases ----

type Sent = { versions: number; outOfOrder: number; stored: number; unchanged: number; rejected: Map<string, number>; seconds: number; latencies: number[] };

async function ingestAll(services: Services, planned: readonly PlannedPerson[]): Promise<Sent> {
  const all = planned.flatMap((p) => p.records.flatMap((record) => record.versions.map((version) => ({ record, version }))));
  const r = new Random([seed, 77]);
  for (let i = all.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  // Out of order: sent after a newer version of the same record.
  const newest = new Map<string, number>();
  let outOfOrder = 0;
  all.forEach(({ record, version }, arrival) => {
    version.arrival = arrival;
    if (version.clock < (newest.get(record.key) ?? -Infinity)) outOfOrder++;
    else newest.set(record.key, version.clock);
  });
  const sent: Sent = { versions: all.length, outOfOrder, stored: 0, unchanged: 0, rejected: new Map(), seconds: 0, latencies: [] };
  const pending = new Map<string, Row[]>(SOURCES.map((s) => [s.name, []]));
  const flush = async (source: string) => {
    const rows = pending.get(source)!;
    if (rows.length === 0) return;
    pending.set(source, []);
    const started = performance.now();
    const outcome = await services.ingest.ingest(source, rows.map((payload, position) => ({ position, payload })));
    sent.latencies.push(performance.now() - started);
    sent.stored += outcome.stored;
    sent.unchanged += outcome.unchanged;
    for (const x of outcome.rejected) {
      const key = `${source} ${x.code} ${x.field.join('.')}: ${x.reason}`;
      sent.rejected.set(key, (sent.rejected.get(key) ?? 0) + 1);
    }
  };
  const started = performance.now();
  for (const { record, version } of all) {
    const rows = pending.get(record.source.name)!;
    rows.push(version.row);
    if (rows.length >= batchSize) await flush(record.source.name);
  }
  for (const source of SOURCES) await flush(source.name);
  sent.seconds = (performance.now() - started) / 1000;
  return sent;
}

type Check = {
  checked: number; equal: number; groups: Map<string, number>; splitPeople: number; sharedPeople: number;
  /** Equal values the product credits to another rule than the oracle's. */
  otherRule: number;
  /** Attributes a last-arrival-wins store would get right. */
  naiveEqual: number;
};

async function check(services: Services, executor: GraphExecutor, planned: readonly PlannedPerson[]): Promise<Check> {
  const keys = planned.flatMap((p) => p.records.map((r) => r.key));
  const customerOf = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 5000) {
    const rows = await executor.readRows<{ key: string; customer: string }>(
      'UNWIND $keys AS key MATCH (:SourceRecord {key: key})-[:BELONGS_TO]->(c:Customer) RETURN key, c.id AS customer',
      { keys: keys.slice(i, i + 5000) },
    );
    for (const row of rows) customerOf.set(row.key, row.customer);
  }
  const customersOf = planned.map((p) => [...new Set(p.records.map((r) => customerOf.get(r.key) ?? 'none'))]);
  const holders = new Map<string, number>();
  for (const list of customersOf) for (const c of list) holders.set(c, (holders.get(c) ?? 0) + 1);
  const ids = customersOf.map((list) => list[0]!);
  const goldens = new Map<string, GoldenRecord | null>();
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    (await services.golden.goldenOf(chunk)).forEach((g, j) => goldens.set(chunk[j]!, g));
  }
  const result: Check = { checked: 0, equal: 0, groups: new Map(), splitPeople: 0, sharedPeople: 0, otherRule: 0, naiveEqual: 0 };
  const count = (key: string) => result.groups.set(key, (result.groups.get(key) ?? 0) + 1);
  planned.forEach((person, i) => {
    const list = customersOf[i]!;
    const linked = list.length === 1 && list[0] !== 'none' && holders.get(list[0]!) === 1;
    if (list.length !== 1 || list[0] === 'none') result.splitPeople++;
    else if (holders.get(list[0]!) !== 1) result.sharedPeople++;
    const expected = expectedOf(person);
    const actual = actualOf(goldens.get(ids[i]!) ?? null);
    const naive = lastArrivalOf(person);
    for (const attribute of ATTRIBUTES) {
      result.checked++;
      const want = expected[attribute];
      const got = actual[attribute].value;
      if (naive[attribute] === want.value) result.naiveEqual++;
      if (linked && want.value === got) {
        result.equal++;
        if (want.value !== null && actual[attribute].rule !== want.rule) result.otherRule++;
        continue;
      }
      const kind = !linked ? 'records not in one customer of their own' : got === null ? 'missing from the golden record' : want.value === null ? 'not expected' : 'different value';
      count(`${attribute.padEnd(12)} ${want.rule.padEnd(16)} ${kind}`);
    }
  });
  return result;
}

const rss = startRssSampler(100);
const db = await openBenchDatabase(note);
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  note('interrupted: stopping');
  void db.close().finally(() => process.exit(130));
});
try {
  say(`golden record benchmark  node ${process.version}  ${db.description}`);
  await db.executor.runSchema(EMPTY);
  await migrate(db.executor);
  const services = createServices(db.executor);
  await seedReferenceData(services);
  for (const source of SOURCES) await services.sources.register({ name: source.name, mapping: mappingOf(source) });
  say(`sources      ${SOURCES.map((s) => `${s.name} (priority ${s.priority}, ${s.clock === 'utc' ? 'UTC clock' : 'local clock with offset'})`).join(', ')}`);

  const generated = performance.now();
  const planned = Array.from({ length: people }, (_, index) => planPerson(index));
  const records = planned.reduce((n, p) => n + p.records.length, 0);
  note(`generated ${people} people in ${((performance.now() - generated) / 1000).toFixed(1)} s`);

  const sent = await ingestAll(services, planned);
  say(`people       ${people} (seed ${seed})`);
  say(`records      ${records} (${(records / people).toFixed(2)} sources a person)`);
  say(`versions     ${sent.versions} sent, shuffled, in batches of up to ${batchSize}; ${sent.outOfOrder} arrived after a newer version of their record (${((100 * sent.outOfOrder) / sent.versions).toFixed(1)}%)`);
  say(`ingest       stored ${sent.stored}  unchanged ${sent.unchanged}  rejected ${[...sent.rejected.values()].reduce((a, b) => a + b, 0)}  ${Math.round(sent.versions / sent.seconds)} versions/s (${sent.seconds.toFixed(1)} s)`);
  say(`batch        ${latencyLine(sent.latencies)}`);
  for (const [key, n] of [...sent.rejected].sort((a, b) => b[1] - a[1]).slice(0, 10)) say(`  rejected ${n} x ${key}`);

  const result = await check(services, db.executor, planned);
  const accuracy = (100 * result.equal) / result.checked;
  say(`linking      ${result.splitPeople} people with records in several customers, ${result.sharedPeople} sharing a customer with another person`);
  say(`attributes   ${result.checked} checked (${ATTRIBUTES.join(', ')}), ${result.equal} equal`);
  say(`accuracy     ${accuracy.toFixed(3)}% (target ${TARGET}%): ${accuracy >= TARGET ? 'met' : 'NOT MET'}`);
  say(`baseline     a store keeping each attribute's last-arriving value would score ${((100 * result.naiveEqual) / result.checked).toFixed(1)}%`);
  say(`rules        ${result.otherRule} of the equal values credited to another rule than the oracle's`);
  if (result.groups.size > 0) {
    say('mismatches   by attribute, the rule that decides it, and how (counts only):');
    for (const [key, n] of [...result.groups].sort((a, b) => b[1] - a[1])) say(`  ${String(n).padStart(6)}  ${key}`);
  }
  const memory = rss.stop();
  say(`memory       peak RSS sampled every 100 ms ${mib(memory.sampledPeak)}; maxRSS ${mib(memory.maxRss)}`);
} catch (error) {
  if (!interrupted) {
    console.error('benchmark failed:');
    console.error(error);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await db.close();
}
