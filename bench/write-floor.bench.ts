/**
 * Write-floor benchmark, run on demand (not a test):
 *   node bench/write-floor.bench.ts [--people 20000] [--seed 1] [--chunk 2000]
 *
 * How fast can this Neo4j store the graph the ingest benchmark stores, if the writer did
 * nothing but write? The same generated payloads are validated and mapped by the product
 * (untimed, all before the clock starts), then written into an empty, migrated database
 * with CREATE only: no MERGE, no replay or ordering checks, no rejections, every
 * relationship created blind. No real ingest can be faster on the same machine, so this
 * is the ceiling to hold the bulk ingest rate against. Prints counts and timings only.
 */
import { parseArgs } from 'node:util';
import { migrate } from '../src/graph/migrations/migrate.ts';
import type { PreparedBatch } from '../src/ingest/ingest.service.ts';
import { blockingKeys, frequencyKeys } from '../src/match/blocking.ts';
import { newCustomerId } from '../src/membership/ids.ts';
import { plainCodec } from '../src/privacy/codec.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { generateDataset, mildCorruption, sourceKinds } from './generate/dataset.ts';
import { latencyLine } from './support/measure.ts';
import { openBenchDatabase } from './support/neo4j.ts';
import { positiveOption } from './support/options.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '1' },
    chunk: { type: 'string', default: '2000' },
    // Also the least identity resolution writes: each record's blocking keys, and a customer.
    'resolution-writes': { type: 'boolean', default: false },
  },
  strict: true,
});
const option = (name: string): number => positiveOption(values, name);
const [people, seed, chunkSize] = [option('people'), option('seed'), option('chunk')];

const EMPTY = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS';
const CREATE_RECORDS = `
MATCH (s:Source {name: $source})
UNWIND $rows AS row
CREATE (r:SourceRecord {key: row.key, source: row.source, sourceRecordId: row.sourceRecordId,
        updatedAt: row.updatedAt, contentHash: row.contentHash, attrs: row.attrs})-[:FROM]->(s)`;
const CREATE_IDENTIFIERS = `UNWIND $rows AS i CREATE (:Identifier {key: i.key, type: i.type, value: i.value})`;
const CREATE_LINKS = `
UNWIND $rows AS l
MATCH (r:SourceRecord {key: l.record}) MATCH (i:Identifier {key: l.key})
CREATE (r)-[:HAS_IDENTIFIER]->(i)`;
const CREATE_INTERACTIONS = `
UNWIND $rows AS x
CREATE (i:Interaction {key: x.key}) SET i += x.props
WITH i, x
MATCH (r:SourceRecord {key: x.recordKey})
CREATE (r)-[:HAD]->(i)`;
const CREATE_ANONYMOUS_INTERACTIONS = `
UNWIND $rows AS x
CREATE (i:Interaction {key: x.key}) SET i += x.props
WITH i, x
MATCH (id:Identifier {key: x.viaKey})
CREATE (id)-[:HAD]->(i)`;

const CREATE_BLOCKING_KEYS = `UNWIND $rows AS k CREATE (:BlockingKey {key: k})`;
const LINK_BLOCKING_KEYS = `
UNWIND $rows AS row
MATCH (r:SourceRecord {key: row.record}) MATCH (b:BlockingKey {key: row.key})
CREATE (r)-[:BLOCKED_BY]->(b)`;
const CREATE_CUSTOMERS = `
UNWIND $rows AS row
MATCH (r:SourceRecord {key: row.record})
CREATE (r)-[:BELONGS_TO]->(:Customer {id: row.id, status: 'active', createdAt: datetime()})`;
const withResolution = values['resolution-writes'];

const db = await openBenchDatabase((msg) => console.error(msg));
try {
  console.log(`write-floor benchmark  node ${process.version}  ${db.description}`);
  await db.executor.runSchema(EMPTY);
  await migrate(db.executor);
  const services = createServices(db.executor, { afterStore: async () => {} });
  await seedReferenceData(services);

  const batches: PreparedBatch[] = [];
  for (const source of sourceKinds) {
    const resolved = await services.sources.resolve(source);
    let chunk: { position: number; payload: unknown }[] = [];
    for (const record of generateDataset({ people, seed, sources: [source], corruption: mildCorruption })) {
      chunk.push({ position: chunk.length, payload: record.payload });
      if (chunk.length === chunkSize) {
        batches.push(services.ingest.prepare(resolved, chunk, 'floor'));
        chunk = [];
      }
    }
    if (chunk.length > 0) batches.push(services.ingest.prepare(resolved, chunk, 'floor'));
  }

  const seen = new Set<string>(); // keys already written: records, interactions and identifiers have distinct key shapes
  const latencies: number[] = [];
  let payloads = 0;
  let seconds = 0;
  for (const batch of batches) {
    // A later version of a record or interaction already written is skipped: fewer writes, still a floor.
    const records = new Map(batch.prepared.flatMap((p) => (p.record && !seen.has(p.record.key) ? [[p.record.key, p.record] as const] : [])));
    const interactions = new Map(batch.prepared.flatMap((p) => p.interactions.filter((x) => !seen.has(x.key)).map((x) => [x.key, x] as const)));
    for (const key of [...records.keys(), ...interactions.keys()]) seen.add(key);
    const identifiers = [...records.values()].flatMap((r) => r.identifiers).concat([...interactions.values()].flatMap((x) => (x.via ? [x.via] : [])));
    const newIdentifiers = [...new Map(identifiers.filter((i) => !seen.has(i.key)).map((i) => [i.key, i])).values()];
    for (const i of newIdentifiers) seen.add(i.key);
    // The blocking keys are worked out before the clock starts: only writing is timed.
    const keyed = withResolution
      ? [...records.values()].map((r) => {
          const profile = services.resolution.profileOfStored(r.attrs, r.identifierKeys);
          return { record: r.key, keys: [...blockingKeys(profile, plainCodec), ...frequencyKeys(profile, plainCodec)] };
        })
      : [];
    const t = performance.now();
    await db.executor.write(async (tx) => {
      if (records.size > 0) await tx.run(CREATE_RECORDS, { source: batch.source, rows: [...records.values()] });
      if (newIdentifiers.length > 0) await tx.run(CREATE_IDENTIFIERS, { rows: newIdentifiers });
      const links = [...records.values()].flatMap((r) => r.identifiers.map((i) => ({ key: i.key, record: r.key })));
      if (links.length > 0) await tx.run(CREATE_LINKS, { rows: links });
      const rows = [...interactions.values()].map((x) => ({ key: x.key, props: { ...x.props, sourceUpdatedAt: x.updatedAt }, recordKey: x.recordKey, viaKey: x.via?.key ?? null }));
      const owned = rows.filter((x) => x.recordKey !== null);
      const anonymous = rows.filter((x) => x.recordKey === null);
      if (owned.length > 0) await tx.run(CREATE_INTERACTIONS, { rows: owned });
      if (anonymous.length > 0) await tx.run(CREATE_ANONYMOUS_INTERACTIONS, { rows: anonymous });
      if (withResolution && records.size > 0) {
        const fresh = [...new Set(keyed.flatMap((k) => k.keys))].filter((k) => !seen.has(`block\n${k}`));
        for (const k of fresh) seen.add(`block\n${k}`);
        if (fresh.length > 0) await tx.run(CREATE_BLOCKING_KEYS, { rows: fresh });
        await tx.run(LINK_BLOCKING_KEYS, { rows: keyed.flatMap((k) => k.keys.map((key) => ({ record: k.record, key }))) });
        await tx.run(CREATE_CUSTOMERS, { rows: keyed.map((k) => ({ record: k.record, id: newCustomerId() })) });
      }
    });
    latencies.push(performance.now() - t);
    seconds += (performance.now() - t) / 1000;
    payloads += batch.items.length;
  }
  const counts = await db.executor.readRows<{ label: string; n: number }>('MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label');
  console.log(`payloads     ${payloads} (${people} people, seed ${seed}) in ${batches.length} transactions of up to ${chunkSize}`);
  const rels = await db.executor.readRows<{ type: string; n: number }>('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type');
  console.log(`graph nodes  ${counts.map((c) => `${c.label} ${c.n}`).join(', ')}`);
  console.log(`graph rels   ${rels.map((c) => `${c.type} ${c.n}`).join(', ')}`);
  console.log(`rate         ${Math.round(payloads / seconds)} source records/s written with CREATE only${withResolution ? ', blocking keys and a customer each included' : ''} (${seconds.toFixed(1)} s)`);
  console.log(`transaction  ${latencyLine(latencies)}`);
} finally {
  await db.close();
}
