/**
 * Jobs benchmark, run on demand (not a test):
 *   node bench/jobs.bench.ts [--people 4650] [--seed 1]
 *
 * What running re-resolution as a job costs next to the synchronous resolveAll: generated
 * people (about 2.15 records each) are stored unresolved, resolved once by resolveAll (the
 * first, writing run), then re-resolved twice on the resolved base: by resolveAll and by a
 * RESOLVE_ALL job, whose start latency, phases and stored pages are timed and measured.
 * Prints counts and timings only.
 */
import { parseArgs } from 'node:util';
import labelledMapping from './generate/labelled-mapping.json' with { type: 'json' };
import { labelledRows } from './generate/labelled.ts';
import { systemActor } from '../src/audit/audit.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { ingestStream } from '../src/ingest/bulk-ingest.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { openBenchDatabase } from './support/neo4j.ts';
import { positiveOption } from './support/options.ts';

const { values } = parseArgs({ options: { people: { type: 'string', default: '4650' }, seed: { type: 'string', default: '1' } }, strict: true });
const [people, seed] = [positiveOption(values, 'people'), positiveOption(values, 'seed')];
const log = (message: string) => process.stderr.write(`${message}\n`);
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

const db = await openBenchDatabase(log);
try {
  await db.executor.runSchema('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  await migrate(db.executor);
  const unresolved = createServices(db.executor, { afterStore: async () => undefined });
  await seedReferenceData(unresolved);
  await unresolved.sources.register({ name: labelledMapping.name, mapping: labelledMapping });
  let position = 0;
  async function* items() {
    for (const { true_entity: _truth, ...payload } of labelledRows({ people, seed })) yield { position: position++, payload };
  }
  let t = performance.now();
  await ingestStream(unresolved.ingest, await unresolved.sources.resolve(labelledMapping.name), items(), { chunkSize: 1000 });
  log(`stored ${position} records of ${people} people unresolved in ${seconds(t)} s`);

  const services = createServices(db.executor);
  await seedReferenceData(services);
  t = performance.now();
  const first = await services.bulkResolve.resolveAll(systemActor, { force: true });
  log(`resolveAll, first run (creates every customer): ${seconds(t)} s, ${first.customers} customers, ${first.links} links`);
  t = performance.now();
  await services.bulkResolve.resolveAll(systemActor, { force: true });
  log(`resolveAll on the resolved base: ${seconds(t)} s`);

  t = performance.now();
  const job = await services.jobs.start('RESOLVE_ALL', { force: true }, systemActor);
  log(`startJob returned in ${((performance.now() - t) * 1).toFixed(0)} ms (${job.status})`);
  const phases: string[] = [];
  let last: string | null = null;
  let pageBytes = 0;
  for (;;) {
    const now = (await services.jobs.get(job.id))!;
    if (now.phase !== last) {
      phases.push(`${now.phase ?? 'queued'} at ${seconds(t)} s`);
      if (now.phase === 'planning' || now.phase === 'writing') {
        const [row] = await db.executor.readRows<{ bytes: number; pages: number }>(
          'MATCH (:Job {id: $id})-[:HAS_PAGE]->(p) RETURN sum(size(p.payload)) AS bytes, count(p) AS pages',
          { id: job.id },
        );
        pageBytes = Math.max(pageBytes, row?.bytes ?? 0);
      }
      last = now.phase;
    }
    if (!['QUEUED', 'RUNNING'].includes(now.status)) {
      log(`RESOLVE_ALL job ${now.status} in ${seconds(t)} s: ${phases.join(', ')}; pages kept ${(pageBytes / 1e6).toFixed(1)} MB of decisions while it ran`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
} finally {
  await db.close();
}
