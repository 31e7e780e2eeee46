/**
 * The cost of field encryption, run on demand (not a test):
 *   node bench/privacy/encryption-cost.bench.ts [--people 9400] [--seed 1] [--samples 400] [--concurrency 4]
 *
 * In one run, on one local Neo4j, the same generated people (about 2.13 source records a
 * person: 9,400 people are some 20,000 records) twice: with the plain codec and with the
 * encrypting codec (AES-256-GCM values, keyed-hash lookups). Each time: an emptied,
 * migrated database; every source's payloads through the bulk path (`ingestStream`,
 * unresolved, as an initial load), timed; one `resolveAll` (timed, reported apart); then
 * the README's customer 360 query (bench/view/targets.ts PROFILE) over HTTP against the API
 * in this process, as an agent (masked, audited), `--samples` requests `--concurrency` at a
 * time, after a warm-up. The floor is the crypto alone: encrypt then decrypt of the stored
 * record JSON of the same size in a loop. Prints counts and timings only, never a value.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { systemActor } from '../../src/audit/audit.ts';
import { mintToken } from '../../src/auth/token.ts';
import { DEV_JWT_SECRET, type AuthConfig } from '../../src/config.ts';
import { int, type GraphExecutor } from '../../src/graph/executor.ts';
import { migrate } from '../../src/graph/migrations/migrate.ts';
import { ingestStream } from '../../src/ingest/bulk-ingest.ts';
import type { IngestItem } from '../../src/ingest/ingest.service.ts';
import { createLogger } from '../../src/logger.ts';
import { plainCodec, type ValueCodec } from '../../src/privacy/codec.ts';
import { encryptingCodec, keyRing } from '../../src/privacy/encrypting-codec.ts';
import { startServer } from '../../src/server.ts';
import { createServices, seedReferenceData, type ServiceOptions } from '../../src/services.ts';
import { generateDataset, sourceKinds } from '../generate/dataset.ts';
import { latencyLine, percentile } from '../support/measure.ts';
import { openBenchDatabase } from '../support/neo4j.ts';
import { positiveOption } from '../support/options.ts';
import { PROFILE } from '../view/targets.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '9400' },
    seed: { type: 'string', default: '1' },
    samples: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '4' },
  },
  strict: true,
});
const option = (name: string) => positiveOption(values, name);
const [people, seed, samples, concurrency] = [option('people'), option('seed'), option('samples'), option('concurrency')];
const say = (line = '') => console.log(line);
const EMPTY = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS';
const ring = keyRing('bench1', new Map([['bench1', randomBytes(32)]]), randomBytes(32));
const auth: AuthConfig = { verifier: { kind: 'secret', secret: DEV_JWT_SECRET }, issuer: undefined, audience: undefined, subjectClaim: 'sub', rolesClaim: 'roles', devTokens: true };

async function* itemsOf(payloads: Iterable<{ payload: unknown }>): AsyncGenerator<IngestItem> {
  let position = 0;
  for (const { payload } of payloads) yield { position: position++, payload };
}

type Run = { mode: string; records: number; payloads: number; ingestSeconds: number; resolveSeconds: number; latencies: number[]; errors: number };

async function measure(executor: GraphExecutor, mode: string, options: ServiceOptions): Promise<Run> {
  await executor.runSchema(EMPTY);
  await migrate(executor);
  const unresolved = createServices(executor, { ...options, afterStore: async () => undefined });
  await seedReferenceData(unresolved);
  let payloads = 0;
  const started = performance.now();
  for (const source of sourceKinds) {
    const outcome = await ingestStream(unresolved.ingest, await unresolved.sources.resolve(source), itemsOf(generateDataset({ people, seed, sources: [source] })), { chunkSize: 2000 });
    payloads += outcome.received;
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  const [{ records }] = (await executor.readRows<{ records: number }>('MATCH (r:SourceRecord) RETURN count(r) AS records')) as [{ records: number }];
  const services = createServices(executor, options);
  await seedReferenceData(services);
  const t = performance.now();
  await services.bulkResolve.resolveAll(systemActor, { force: true });
  const resolveSeconds = (performance.now() - t) / 1000;

  const server = await startServer({
    config: { env: 'test', http: { host: '127.0.0.1', port: 0, shutdownTimeoutMs: 5_000 }, auth, corsOrigins: [], rateLimits: { queriesPerMinute: 1_000_000, verifyCallerPerMinute: 10 } },
    logger: createLogger('silent', new Writable({ write: (_c, _e, done) => done() })),
    executor,
    version: 'bench',
    services,
  });
  server.markReady([]);
  try {
    const token = await mintToken(auth, { id: 'bench-agent', roles: ['agent'] });
    const ids = (await executor.readRows<{ id: string }>("MATCH (c:Customer) WHERE c.status = 'active' WITH c, rand() AS r ORDER BY r LIMIT $n RETURN c.id AS id", { n: int(samples) })).map((r) => r.id);
    let errors = 0;
    const ask = async (id: string): Promise<number> => {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: PROFILE, variables: { id } }) });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) errors++;
      return performance.now() - t0;
    };
    for (const id of ids.slice(0, Math.min(50, ids.length))) await ask(id); // warm-up: plans, caches, JIT
    const latencies: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < ids.length) latencies.push(await ask(ids[next++]!));
      }),
    );
    return { mode, records, payloads, ingestSeconds, resolveSeconds, latencies, errors };
  } finally {
    await server.stop();
  }
}

/** The crypto alone: encrypt and decrypt each value once, over values the size of stored records. */
function floor(codec: ValueCodec, texts: readonly string[], rounds = 3): { perValueUs: number; mbPerSecond: number } {
  let bytes = 0;
  let sink = 0;
  const t = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const text of texts) {
      const back = codec.decode(codec.encode(text));
      sink += back.length;
      bytes += text.length;
    }
  }
  const seconds = (performance.now() - t) / 1000;
  if (sink !== bytes) throw new Error('a value did not come back as it went in');
  return { perValueUs: (seconds * 1e6) / (texts.length * rounds), mbPerSecond: bytes / 1e6 / seconds };
}

const db = await openBenchDatabase((msg) => console.error(msg));
try {
  say(`encryption cost: ${people} people, seed ${seed}, ${db.description}`);
  const runs = [await measure(db.executor, 'plain', { codec: plainCodec }), await measure(db.executor, 'encrypted', { keyRing: ring })];
  const texts = (await db.executor.readRows<{ attrs: string }>('MATCH (r:SourceRecord) RETURN r.attrs AS attrs LIMIT 20000')).map((r) => encryptingCodec(ring).decode(r.attrs));
  const crypto = floor(encryptingCodec(ring), texts);
  const meanBytes = texts.reduce((n, t) => n + t.length, 0) / Math.max(1, texts.length);
  say();
  say('mode        records  ingest s  records/s  resolveAll s  360 profile (agent, HTTP)');
  for (const r of runs) {
    say(`${r.mode.padEnd(10)} ${String(r.records).padStart(8)} ${r.ingestSeconds.toFixed(1).padStart(9)} ${String(Math.round(r.records / r.ingestSeconds)).padStart(10)} ${r.resolveSeconds.toFixed(1).padStart(13)}  ${latencyLine(r.latencies)}${r.errors ? `  (${r.errors} errors)` : ''}`);
  }
  const [plain, encrypted] = runs as [Run, Run];
  say();
  say(`ingest throughput, encrypted / plain: ${((encrypted.records / encrypted.ingestSeconds / (plain.records / plain.ingestSeconds)) * 100).toFixed(0)}%`);
  for (const p of [50, 95, 99]) say(`360 p${p}: plain ${percentile(plain.latencies, p).toFixed(1)} ms, encrypted ${percentile(encrypted.latencies, p).toFixed(1)} ms`);
  say(`floor (crypto alone): encrypt+decrypt ${crypto.perValueUs.toFixed(1)} µs a value (${texts.length} record values, mean ${meanBytes.toFixed(0)} bytes), ${crypto.mbPerSecond.toFixed(0)} MB/s`);
  say(`  at the encrypted ingest rate that is ${(((crypto.perValueUs / 2) * encrypted.records) / 1e6 / encrypted.ingestSeconds * 100).toFixed(2)}% of the ingest time for the record values alone`);
} finally {
  await db.close();
}
