/**
 * The customer base the view benchmark reads: generated people loaded through the bulk
 * path (every source's payloads streamed through `ingestStream` unresolved, then one
 * `resolveAll`, as an initial migration of an estate would), once per data folder. A marker
 * node says which base a folder holds, so a later run with the same options reads it again.
 */
import { systemActor } from '../../src/audit/audit.ts';
import type { GraphExecutor } from '../../src/graph/executor.ts';
import { migrate } from '../../src/graph/migrations/migrate.ts';
import { ingestStream } from '../../src/ingest/bulk-ingest.ts';
import type { IngestItem } from '../../src/ingest/ingest.service.ts';
import { createServices, seedReferenceData } from '../../src/services.ts';
import { generateDataset, sourceKinds, type SourceKind } from '../generate/dataset.ts';

export type BaseSpec = { people: number; seed: number };

const MARKER_LABEL = 'ViewBenchBase';
const EMPTY = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS';
/** Unresolved ingestion runs fastest in larger chunks (no candidate search inside the transaction). */
const LOAD_CHUNK = 2000;

/** The spec of the base the database holds, or null when it holds none (or an unfinished one). */
export async function loadedBase(executor: GraphExecutor): Promise<BaseSpec | null> {
  const rows = await executor.readRows<BaseSpec>(`MATCH (b:${MARKER_LABEL}) RETURN b.people AS people, b.seed AS seed`);
  return rows[0] ?? null;
}

async function* itemsOf(payloads: Iterable<{ payload: unknown }>): AsyncGenerator<IngestItem> {
  let position = 0;
  for (const { payload } of payloads) yield { position: position++, payload };
}

/**
 * Empties the database and loads the base: counts and timings go to `say`, never a value.
 */
export async function loadBase(executor: GraphExecutor, spec: BaseSpec, say: (line: string) => void): Promise<void> {
  await executor.runSchema(EMPTY);
  await migrate(executor);
  const unresolved = createServices(executor, { afterStore: async () => undefined });
  await seedReferenceData(unresolved);
  const started = performance.now();
  let payloads = 0;
  for (const source of sourceKinds as readonly SourceKind[]) {
    const t = performance.now();
    const outcome = await ingestStream(
      unresolved.ingest,
      await unresolved.sources.resolve(source),
      itemsOf(generateDataset({ people: spec.people, seed: spec.seed, sources: [source] })),
      { chunkSize: LOAD_CHUNK },
    );
    payloads += outcome.received;
    const s = (performance.now() - t) / 1000;
    say(`load  ${source.padEnd(12)} ${outcome.received} payloads (${outcome.stored} stored, ${outcome.rejectedCount} rejected) in ${s.toFixed(0)} s, ${Math.round(outcome.received / s)}/s`);
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  say(`load  ingest     ${payloads} payloads in ${ingestSeconds.toFixed(0)} s, ${Math.round(payloads / ingestSeconds)}/s (bulk, unresolved)`);

  const services = createServices(executor);
  await seedReferenceData(services);
  const t = performance.now();
  const report = await services.bulkResolve.resolveAll(systemActor, { force: true });
  const resolveSeconds = (performance.now() - t) / 1000;
  say(`load  resolveAll ${report.records} records into ${report.customers} customers (${report.links} links, ${report.reviews} reviews) in ${resolveSeconds.toFixed(0)} s, ${Math.round(report.records / resolveSeconds)} records/s`);
  await executor.writeRows(`CREATE (b:${MARKER_LABEL} {people: $people, seed: $seed, loadedAt: datetime()})`, { ...spec });
}
