/**
 * Merge and split cost benchmark, run on demand (not a test):
 *   node bench/merge-split.bench.ts [--records 1000] [--interactions 10000] [--rounds 5] [--seed 1]
 *
 * Builds two large customers through the built-in web shop source (each account is a
 * source record, each order an interaction; all accounts of one customer share its
 * e-mail), then times a merge dry run, the merge, an unmerge dry run and the unmerge,
 * `--rounds` times, and at the end a split of half of each customer's records into a new
 * customer. Each operation reports its wall time and Neo4j's write counters (summed over
 * every statement of the committed transaction). Prints counts and timings only.
 */
import { parseArgs } from 'node:util';
import type { Result } from 'neo4j-driver';
import type { Actor } from '../src/audit/audit.ts';
import { GraphExecutor, type Tx } from '../src/graph/executor.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { createServices, seedReferenceData, type Services } from '../src/services.ts';
import { basket, money } from './generate/catalogue.ts';
import { countries } from './generate/countries.ts';
import { mildCorruption } from './generate/corruption.ts';
import { PersonFactory } from './generate/person.ts';
import { Random } from './generate/random.ts';
import { latencyLine, mib, ms, percentile, startRssSampler } from './support/measure.ts';
import { openBenchDatabase } from './support/neo4j.ts';
import { positiveOption } from './support/options.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000' },
    interactions: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '1' },
  },
  strict: true,
});
const option = (name: string): number => positiveOption(values, name);
const records = option('records');
const interactions = option('interactions');
const rounds = option('rounds');
const seed = option('seed');
if (records < 2 || interactions < records) {
  console.error('--records must be at least 2 and --interactions at least --records (every account places an order)');
  process.exit(64);
}

const say = (line = '') => console.log(line);
const note = (msg: string) => console.error(msg);
const EMPTY = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS';
const CHUNK = 500;
const actor: Actor = { id: 'bench-steward', role: 'steward', requestId: null };

// ---- an executor that sums Neo4j's update counters of the transactions that committed ----

type Tally = { counters: Map<string, number>; statements: number; transactions: number };
const emptyTally = (): Tally => ({ counters: new Map(), statements: 0, transactions: 0 });

class CountingExecutor extends GraphExecutor {
  private tally = emptyTally();

  /** What ran since the last call, and starts again from zero. */
  take(): Tally {
    const taken = this.tally;
    this.tally = emptyTally();
    return taken;
  }

  override read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.counted((w) => super.read(w), work);
  }

  override write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.counted((w) => super.write(w), work);
  }

  private async counted<T>(run: (work: (tx: Tx) => Promise<T>) => Promise<T>, work: (tx: Tx) => Promise<T>): Promise<T> {
    // A retried transaction calls `work` again: only the attempt that committed counts.
    let attempt = emptyTally();
    const result = await run((tx) => {
      attempt = emptyTally();
      return work(counting(tx, attempt));
    });
    for (const [name, n] of attempt.counters) this.tally.counters.set(name, (this.tally.counters.get(name) ?? 0) + n);
    this.tally.statements += attempt.statements;
    this.tally.transactions++;
    return result;
  }
}

function counting(tx: Tx, tally: Tally): Tx {
  const run = (...args: Parameters<Tx['run']>): Result => {
    const result = tx.run(...args);
    tally.statements++;
    // The Result caches its promise: the caller awaiting it gets the same outcome.
    result.then(
      (done) => {
        for (const [name, n] of Object.entries(done.summary.counters.updates())) {
          if (n !== 0) tally.counters.set(name, (tally.counters.get(name) ?? 0) + n);
        }
      },
      () => {},
    );
    return result;
  };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'run') return run;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

// ---- two synthetic customers as web shop accounts and orders ----

type Built = { accounts: string[]; ordersOf: Map<string, number> };

/** Order j's account: the first `interactions % records` accounts place one order more than the rest. */
function accountOf(j: number): number {
  const fewer = Math.floor(interactions / records);
  const more = interactions % records;
  return j < more * (fewer + 1) ? Math.floor(j / (fewer + 1)) : more + Math.floor((j - more * (fewer + 1)) / fewer);
}

function* ordersOf(customer: number, factory: PersonFactory): Generator<{ account: string; payload: unknown }> {
  const person = factory.create(customer, false);
  const r = new Random([seed, customer, 41]);
  const profile = countries[person.country];
  const address = {
    first_name: person.given, last_name: person.family, address1: person.address.street, address2: null, city: person.address.city,
    province: null, zip: person.address.postcode, country: person.address.country, country_code: person.address.country,
  };
  const base = Date.UTC(2024, 0, 1) + customer * 3_600_000;
  // Orders grouped by account, as a shop's export sorted by customer: an account's orders
  // share a batch, so its record is resolved once, not once per order.
  for (let j = 0; j < interactions; j++) {
    const account = 6_000_000_000 + customer * 100_000_000 + accountOf(j);
    const lines = basket(r, 3).map((product, i) => ({ id: (customer * 100_000_000 + j) * 8 + i + 1, sku: product.sku, title: product.title, quantity: 1, price: money(product.price) }));
    const at = new Date(base + j * 60_000).toISOString();
    yield {
      account: String(account),
      payload: {
        id: 5_000_000_000 + customer * 100_000_000 + j,
        order_number: 1001 + customer * 100_000_000 + j,
        email: person.email,
        phone: null,
        customer: { id: account, first_name: person.given, last_name: person.family, email: person.email, phone: person.mobile.international },
        billing_address: address,
        shipping_address: address,
        line_items: lines,
        total_price: money(lines.reduce((sum, line) => sum + Math.round(Number(line.price) * 100), 0)),
        currency: profile.currency,
        financial_status: 'paid',
        created_at: at,
        updated_at: at,
      },
    };
  }
}

async function build(services: Services, latencies: number[]): Promise<Built[]> {
  const factory = new PersonFactory(seed, { ...mildCorruption, missingEmail: 0, typo: 0 });
  const built: Built[] = [];
  for (const customer of [0, 1]) {
    const orders = new Map<string, number>();
    let chunk: unknown[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const started = performance.now();
      const outcome = await services.ingest.ingest('webshop', chunk.map((payload, position) => ({ position, payload })));
      latencies.push(performance.now() - started);
      if (outcome.rejected.length > 0) throw new Error(`${outcome.rejected.length} orders rejected: ${outcome.rejected[0]!.code} ${outcome.rejected[0]!.field.join('.')}`);
      chunk = [];
    };
    for (const { account, payload } of ordersOf(customer, factory)) {
      orders.set(account, (orders.get(account) ?? 0) + 1);
      chunk.push(payload);
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    built.push({ accounts: [...orders.keys()].sort(), ordersOf: orders });
  }
  return built;
}

// ---- what a customer holds, read straight from the graph ----

type State = { status: string; records: number; interactions: number; goldenCount: number | null; goldenBytes: number };

async function stateOf(services: Services, executor: GraphExecutor, id: string): Promise<State> {
  const [row] = await executor.readRows<{ status: string; records: number; interactions: number; bytes: number | null }>(
    `MATCH (c:Customer {id: $id})
     OPTIONAL MATCH (c)<-[:BELONGS_TO]-(r:SourceRecord)
     OPTIONAL MATCH (r)-[:HAD]->(i:Interaction)
     RETURN c.status AS status, count(DISTINCT r) AS records, count(DISTINCT i) AS interactions, size(c.golden) AS bytes`,
    { id },
  );
  const [golden] = await services.golden.goldenOf([id]);
  return { status: row!.status, records: row!.records, interactions: row!.interactions, goldenCount: golden?.recordCount ?? null, goldenBytes: row!.bytes ?? 0 };
}

async function customersOfKeys(executor: GraphExecutor, keys: readonly string[]): Promise<string[]> {
  const rows = await executor.readRows<{ customer: string }>(
    'UNWIND $keys AS key MATCH (:SourceRecord {key: key})-[:BELONGS_TO]->(c:Customer) RETURN DISTINCT c.id AS customer',
    { keys },
  );
  return rows.map((r) => r.customer);
}

// ---- timing ----

type Sample = { ms: number; tally: Tally };
const samples = new Map<string, Sample[]>();
const failures: string[] = [];

async function timed<T>(executor: CountingExecutor, label: string, operation: () => Promise<T>): Promise<T> {
  executor.take();
  const started = performance.now();
  const out = await operation();
  const sample = { ms: performance.now() - started, tally: executor.take() };
  samples.set(label, [...(samples.get(label) ?? []), sample]);
  return out;
}

function expect(label: string, ok: boolean, detail: string): void {
  say(`check        ${label}: ${detail} ${ok ? 'ok' : 'FAILED'}`);
  if (!ok) failures.push(label);
}

const kib = (bytes: number): string => `${Math.round(bytes / 1024)} KiB`;

const countersText = (tally: Tally): string =>
  tally.counters.size === 0 ? 'no writes' : [...tally.counters].map(([name, n]) => `${name} ${n}`).join(', ');

function report(): void {
  say('operation          p50         min         max    n  tx  statements  write counters (of the first; * when another sample differed)');
  for (const [label, list] of samples) {
    const times = list.map((s) => s.ms);
    const first = list[0]!.tally;
    const same = list.every((s) => countersText(s.tally) === countersText(first));
    say(
      `${label.padEnd(16)} ${ms(percentile(times, 50)).padStart(11)} ${ms(Math.min(...times)).padStart(11)} ${ms(Math.max(...times)).padStart(11)} ${String(list.length).padStart(4)} ${String(first.transactions).padStart(3)} ${String(first.statements).padStart(11)}  ${countersText(first)}${same ? '' : ' *'}`,
    );
  }
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
  say(`merge/split benchmark  node ${process.version}  ${db.description}`);
  const executor = new CountingExecutor(db.executor.driver, db.executor.database);
  await executor.runSchema(EMPTY);
  await migrate(executor);
  // One e-mail on every account of a customer: above the default hub degree (25) it would no
  // longer link them, so the build resolves with a degree above the customer's size.
  const hubDegree = records + 100;
  const services = createServices(executor, { hubDegree });
  await seedReferenceData(services);

  say(`== build: 2 customers x ${records} records (web shop accounts) and ${interactions} interactions (orders) each; hub degree ${hubDegree} while building`);
  const started = performance.now();
  const latencies: number[] = [];
  const built = await build(services, latencies);
  const seconds = (performance.now() - started) / 1000;
  say(`build        ${2 * interactions} orders ingested in ${seconds.toFixed(1)} s (${Math.round((2 * interactions) / seconds)} orders/s), batches of ${CHUNK}: ${latencyLine(latencies)}`);
  const keysOf = (b: Built, accounts = b.accounts) => accounts.map((account) => `webshop|${account}`);
  const [ownersA, ownersB] = [await customersOfKeys(executor, keysOf(built[0]!)), await customersOfKeys(executor, keysOf(built[1]!))];
  const linkedApart = ownersA.length === 1 && ownersB.length === 1 && ownersA[0] !== ownersB[0];
  expect('build', linkedApart, `A's records in ${ownersA.length} customer(s), B's in ${ownersB.length}, ${ownersA[0] === ownersB[0] ? 'the same one' : 'not linked to each other'}`);
  if (!linkedApart) throw new Error('the build did not give two separate customers');
  const [a, b] = [ownersA[0]!, ownersB[0]!];
  const [stateA, stateB] = [await stateOf(services, executor, a), await stateOf(services, executor, b)];
  expect('build', stateA.records === records && stateB.records === records && stateA.interactions === interactions && stateB.interactions === interactions && stateA.goldenCount === records && stateB.goldenCount === records,
    `A ${stateA.records} records ${stateA.interactions} interactions golden recordCount ${stateA.goldenCount}; B ${stateB.records} / ${stateB.interactions} / ${stateB.goldenCount}; golden JSON ${kib(stateA.goldenBytes)}`);

  say(`== ${rounds} rounds of merge dry run, merge, unmerge dry run, unmerge (the split decision each unmerge leaves is deleted between rounds, untimed, so that the next merge is allowed)`);
  for (let round = 1; round <= rounds; round++) {
    const dry = await timed(executor, 'merge dry run', () => services.merges.merge(a, b, actor, 'bench', true));
    expect(`round ${round} merge dry run`, dry.eventId === null && dry.survivor.recordKeys.length === 2 * records && dry.survivor.golden?.recordCount === 2 * records,
      `survivor ${dry.survivor.id === a ? 'A' : 'B'} would hold ${dry.survivor.recordKeys.length} records, golden recordCount ${dry.survivor.golden?.recordCount}`);
    const merged = await timed(executor, 'merge', () => services.merges.merge(a, b, actor, 'bench', false));
    const [ma, mb] = [await stateOf(services, executor, a), await stateOf(services, executor, b)];
    expect(`round ${round} merge`, merged.eventId !== null && merged.survivor.id === a && ma.records === 2 * records && ma.interactions === 2 * interactions && ma.goldenCount === 2 * records && mb.status === 'merged' && mb.records === 0 && mb.goldenCount === null,
      `survivor ${merged.survivor.id === a ? 'A (older)' : 'B'} ${ma.records} records ${ma.interactions} interactions golden recordCount ${ma.goldenCount} (JSON ${kib(ma.goldenBytes)}); B ${mb.status}, ${mb.records} records, golden ${mb.goldenCount === null ? 'none' : mb.goldenCount}`);
    const undoDry = await timed(executor, 'unmerge dry run', () => services.merges.unmerge(merged.eventId!, actor, 'bench', true));
    expect(`round ${round} unmerge dry run`, undoDry.from.recordKeys.length === records && undoDry.to.length === 1 && undoDry.to[0]!.recordKeys.length === records && undoDry.to[0]!.id === b,
      `A would keep ${undoDry.from.recordKeys.length}, ${undoDry.to.map((t) => `${t.id === b ? 'B' : 'another'} would get ${t.recordKeys.length}`).join(', ')}`);
    await timed(executor, 'unmerge', () => services.merges.unmerge(merged.eventId!, actor, 'bench', false));
    const [ua, ub] = [await stateOf(services, executor, a), await stateOf(services, executor, b)];
    expect(`round ${round} unmerge`, ua.records === records && ub.records === records && ub.status === 'active' && ua.interactions === interactions && ub.interactions === interactions && ua.goldenCount === records && ub.goldenCount === records,
      `A ${ua.records} records ${ua.interactions} interactions golden ${ua.goldenCount}; B ${ub.status} ${ub.records} / ${ub.interactions} / ${ub.goldenCount}`);
    await executor.writeRows('MATCH (d:SplitDecision) DETACH DELETE d');
  }

  say(`== split: half of each customer's records (${Math.floor(records / 2)}) to a new customer, after a dry run`);
  for (const [name, id, b0] of [['A', a, built[0]!], ['B', b, built[1]!]] as const) {
    const moving = b0.accounts.slice(0, Math.floor(records / 2));
    const movingOrders = moving.reduce((n, account) => n + b0.ordersOf.get(account)!, 0);
    const keys = keysOf(b0, moving);
    const dry = await timed(executor, 'split dry run', () => services.merges.split(id, keys, 'new', actor, 'bench', true));
    expect(`split ${name} dry run`, dry.from.recordKeys.length === records - moving.length && dry.to[0]?.recordKeys.length === moving.length,
      `${name} would keep ${dry.from.recordKeys.length}, the new customer would get ${dry.to[0]?.recordKeys.length}`);
    const split = await timed(executor, 'split', () => services.merges.split(id, keys, 'new', actor, 'bench', false));
    const [kept, created] = [await stateOf(services, executor, id), await stateOf(services, executor, split.to[0]!.id)];
    expect(`split ${name}`, kept.records === records - moving.length && created.records === moving.length && kept.interactions === interactions - movingOrders && created.interactions === movingOrders && kept.goldenCount === kept.records && created.goldenCount === created.records,
      `${name} ${kept.records} records ${kept.interactions} interactions golden ${kept.goldenCount}; new ${created.records} / ${created.interactions} / ${created.goldenCount}`);
  }

  say('== cost');
  report();
  const memory = rss.stop();
  say(`memory       peak RSS sampled every 100 ms ${mib(memory.sampledPeak)}; maxRSS ${mib(memory.maxRss)}`);
  if (failures.length > 0) {
    say(`FAILED checks: ${failures.join(', ')}`);
    process.exitCode = 1;
  }
} catch (error) {
  if (!interrupted) {
    console.error('benchmark failed:');
    console.error(error);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await db.close();
}
