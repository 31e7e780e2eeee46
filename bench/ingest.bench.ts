/**
 * Ingest benchmark, run on demand (not a test):
 *   node bench/ingest.bench.ts [--people 30000] [--seed 1] [--chunk 500] [--single 500] [--replay 5000]
 *
 * Empties the database, migrates, then streams a synthetic dataset (with the mild
 * corruption of a well-kept estate) source by source through the bulk pipeline, times
 * single-record ingests of fresh payloads, and replays the first payloads to check
 * idempotency. Prints counts and timings only: no payload content ever reaches the output.
 */
import { parseArgs } from 'node:util';
import type { GraphExecutor } from '../src/graph/executor.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { adapterByKind } from '../src/ingest/adapters/index.ts';
import { BULK_CHUNK, ingestStream, type BulkOutcome } from '../src/ingest/bulk-ingest.ts';
import type { IngestItem } from '../src/ingest/ingest.service.ts';
import type { Rejection } from '../src/ingest/rejection.ts';
import { createServices, seedReferenceData, type Services } from '../src/services.ts';
import { generateDataset, mildCorruption, sourceKinds, type SourceKind } from './generate/dataset.ts';
import { latencyLine, mib, startRssSampler } from './support/measure.ts';
import { openBenchDatabase } from './support/neo4j.ts';
import { positiveOption } from './support/options.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '30000' },
    seed: { type: 'string', default: '1' },
    chunk: { type: 'string', default: String(BULK_CHUNK) },
    single: { type: 'string', default: '500' },
    replay: { type: 'string', default: '5000' },
    // Ingestion alone, without identity resolution in the same transaction.
    'no-resolve': { type: 'boolean', default: false },
  },
  strict: true,
});
const option = (name: string): number => positiveOption(values, name);
const people = option('people');
const seed = option('seed');
const chunkSize = option('chunk');
const singles = option('single');
const replayCount = option('replay');

const say = (line = '') => console.log(line);
const note = (msg: string) => console.error(msg);
const EMPTY = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS';

type Totals = { received: number; stored: number; unchanged: number; rejected: number };
const addTo = (t: Totals, o: BulkOutcome) => {
  t.received += o.received;
  t.stored += o.stored;
  t.unchanged += o.unchanged;
  t.rejected += o.rejectedCount;
};
const countsLine = (t: Totals) => `received ${t.received}  stored ${t.stored}  unchanged ${t.unchanged}  rejected ${t.rejected}`;

/** Rejections grouped by code, field and reason: these name rules, never values. */
function rejectionSummary(rejections: ReadonlyArray<Rejection & { source: string }>): string[] {
  const groups = new Map<string, number>();
  for (const r of rejections) {
    const key = `${r.source} ${r.code} ${r.field.join('.')}: ${r.reason}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([key, n]) => `  ${n} x ${key}`);
}

async function* itemsOf(payloads: Iterable<unknown>, onPull: () => void): AsyncGenerator<IngestItem> {
  let position = 0;
  for (const payload of payloads) {
    onPull();
    yield { position: position++, payload };
  }
}

function* payloadsOf(source: SourceKind): Generator<unknown> {
  for (const record of generateDataset({ people, seed, sources: [source], corruption: mildCorruption })) yield record.payload;
}

async function bulkPhase(services: Services): Promise<void> {
  say(`== bulk: ${people} people, seed ${seed}, chunks of ${chunkSize}, source by source`);
  const latencies: number[] = [];
  const total: Totals = { received: 0, stored: 0, unchanged: 0, rejected: 0 };
  const rejections: Array<Rejection & { source: string }> = [];
  const started = performance.now();
  for (const source of sourceKinds) {
    const resolved = await services.sources.resolve(source);
    let lastPulledAt = 0;
    const sourceStarted = performance.now();
    // A chunk's latency runs from pulling its last payload to its commit: the batch's own
    // validation, mapping and write, without the generator's time.
    const outcome = await ingestStream(services.ingest, resolved, itemsOf(payloadsOf(source), () => (lastPulledAt = performance.now())), {
      chunkSize,
      onChunk: () => {
        latencies.push(performance.now() - lastPulledAt);
      },
    });
    const seconds = (performance.now() - sourceStarted) / 1000;
    addTo(total, outcome);
    rejections.push(...outcome.rejected.map((r) => ({ ...r, source })));
    say(`${source.padEnd(12)} ${countsLine({ ...outcome, rejected: outcome.rejectedCount })}  ${Math.round(outcome.received / seconds)} records/s`);
  }
  const seconds = (performance.now() - started) / 1000;
  const inBatches = latencies.reduce((a, b) => a + b, 0) / 1000;
  say(`total        ${countsLine(total)}`);
  say(`rate         ${Math.round(total.received / seconds)} source records/s overall (${seconds.toFixed(1)} s, generation included); ${Math.round(total.received / inBatches)} records/s inside batches`);
  say(`batch        ${latencyLine(latencies)}`);
  if (rejections.length > 0) say(['rejections (first 1000 per source, grouped):', ...rejectionSummary(rejections)].join('\n'));
}

type GraphCounts = { nodes: Map<string, number>; rels: Map<string, number> };

async function graphCounts(executor: GraphExecutor): Promise<GraphCounts> {
  const nodes = await executor.readRows<{ label: string; n: number }>(
    'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label',
  );
  const rels = await executor.readRows<{ type: string; n: number }>(
    'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type',
  );
  return { nodes: new Map(nodes.map((r) => [r.label, r.n])), rels: new Map(rels.map((r) => [r.type, r.n])) };
}

const countsText = (counts: Map<string, number>) => [...counts].map(([k, n]) => `${k} ${n}`).join(', ');
const sameCounts = (a: GraphCounts, b: GraphCounts) => countsText(a.nodes) === countsText(b.nodes) && countsText(a.rels) === countsText(b.rels);

async function singlePhase(services: Services): Promise<void> {
  say(`== single-record ingest: ${singles} fresh payloads, one call each`);
  const latencies: number[] = [];
  const total: Totals = { received: 0, stored: 0, unchanged: 0, rejected: 0 };
  // People after the bulk range: ids and payloads the database has not seen.
  for (const record of generateDataset({ people: singles, seed, firstPerson: people, corruption: mildCorruption })) {
    if (latencies.length >= singles) break;
    const started = performance.now();
    const outcome = await services.ingest.ingest(record.source, [{ position: 0, payload: record.payload }]);
    latencies.push(performance.now() - started);
    addTo(total, { ...outcome, rejectedCount: outcome.rejected.length, rejected: [], dataQualityIssueCount: outcome.dataQualityIssues.length, heldBackCount: outcome.heldBack.length });
  }
  say(`single       ${latencyLine(latencies)}`);
  say(`single       ${countsLine(total)}`);
}

/** Payloads whose canonical record has no person: IngestService counts them as stored every time. */
function personless(source: SourceKind, payloads: readonly unknown[]): number {
  const adapter = adapterByKind(source)!;
  const context = { source, defaultCountry: undefined };
  return payloads.filter((p) => adapter.toCanonical(adapter.payloadSchema.parse(p), context).person === undefined).length;
}

async function replayPhase(services: Services, executor: GraphExecutor): Promise<void> {
  say(`== replay: the first ${replayCount} payloads of the dataset again (expect 0 stored)`);
  const bySource = new Map<SourceKind, unknown[]>();
  let taken = 0;
  for (const record of generateDataset({ people, seed, corruption: mildCorruption })) {
    if (taken++ >= replayCount) break;
    const list = bySource.get(record.source) ?? [];
    list.push(record.payload);
    bySource.set(record.source, list);
  }
  const before = await graphCounts(executor);
  const total: Totals = { received: 0, stored: 0, unchanged: 0, rejected: 0 };
  let withoutPerson = 0;
  const started = performance.now();
  for (const [source, payloads] of bySource) {
    const outcome = await ingestStream(services.ingest, await services.sources.resolve(source), itemsOf(payloads, () => {}), { chunkSize });
    addTo(total, outcome);
    if (outcome.stored > 0) {
      const none = personless(source, payloads);
      withoutPerson += none;
      say(`  ${source.padEnd(12)} ${countsLine({ ...outcome, rejected: outcome.rejectedCount })}  (${none} of the ${payloads.length} carry no person)`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const after = await graphCounts(executor);
  say(`replay       ${countsLine(total)}  ${Math.round(total.received / seconds)} records/s`);
  say(
    total.stored === 0
      ? 'replay       idempotent: nothing stored again'
      : `replay       reported ${total.stored} stored again; ${withoutPerson} replayed payloads carry no person (counted as stored on every call)`,
  );
  say(`replay       graph node and relationship counts ${sameCounts(before, after) ? 'unchanged' : `CHANGED: nodes ${countsText(after.nodes)}; rels ${countsText(after.rels)}`}`);
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
  say(`ingest benchmark  node ${process.version}  ${db.description}`);
  await db.executor.runSchema(EMPTY); // auto-commit: CALL ... IN TRANSACTIONS cannot run in a managed transaction
  await migrate(db.executor);
  const services = createServices(db.executor, values['no-resolve'] ? { afterStore: async () => {} } : {});
  say(`identity resolution on ingest: ${values['no-resolve'] ? 'off (ingestion alone)' : 'on'}`);
  await seedReferenceData(services);
  await bulkPhase(services);
  const graph = await graphCounts(db.executor);
  say(`graph nodes  ${countsText(graph.nodes)}`);
  say(`graph rels   ${countsText(graph.rels)}`);
  await singlePhase(services);
  await replayPhase(services, db.executor);
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
