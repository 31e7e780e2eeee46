/**
 * The cost of authentication, access rules and personal-field masking on a 360 read,
 * run on demand (not a test):
 *   node bench/auth-cost.bench.ts [--people 500] [--requests 300] [--seed 7]
 *
 * Loads a generated multi-source data set, then sends the same 360 query (golden
 * profile, every record with its identifiers and interactions) over HTTP to three
 * servers on the same services and database, interleaved in rounds so the machine's
 * drift hits each alike:
 *   full/steward  the product: JWT check, graphql-shield rules, masking and audit of every personal field (clear)
 *   full/agent    the same as an agent: contact fields masked
 *   audited       the field middleware and the audit entry of the request's personal reads, no authentication or query limits
 *   middleware    the floor plus the field middleware (budget, rules, masking), no authentication, plugins or audit write
 *   floor         the same schema and resolvers with no authentication, no rules and no field middleware
 * Prints latencies only (no personal values).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { resolvers } from '../resolvers/index.ts';
import { personalReadAuditPlugin } from '../src/auth/personal-read.plugin.ts';
import { mintToken } from '../src/auth/token.ts';
import type { AuthConfig } from '../src/config.ts';
import { buildContext, type Context } from '../src/context.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { createLogger } from '../src/logger.ts';
import { buildSchema, loadTypeDefs, startServer } from '../src/server.ts';
import { createServices, seedReferenceData } from '../src/services.ts';
import { generateDataset, mildCorruption, type GeneratedRecord } from './generate/dataset.ts';
import { latencyLine, percentile } from './support/measure.ts';
import { openBenchDatabase } from './support/neo4j.ts';
import { positiveOption } from './support/options.ts';

const { values } = parseArgs({
  options: { people: { type: 'string', default: '500' }, requests: { type: 'string', default: '300' }, seed: { type: 'string', default: '7' } },
  strict: true,
});
const people = positiveOption(values, 'people');
const requests = positiveOption(values, 'requests');
const seed = positiveOption(values, 'seed');
const note = (msg: string) => console.error(msg);

const QUERY = `query($id: ID!) { customer(id: $id) { id status profile {
  givenName { value rule from { source sourceRecordId } } familyName { value rule } fullName { value } dateOfBirth { value }
  emails { value preferred sources { source } } phones { value preferred } addresses { value postcode }
  identifiers { type value } legalNames { value } recordCount }
  records { source sourceRecordId updatedAt names { given family } emails phones dateOfBirth addresses { city postcode }
    identifiers { type value } interactions(first: 20) { type subtype occurredAt total currency } } } }`;

const auth: AuthConfig = {
  verifier: { kind: 'secret', secret: 'bench-signing-secret-bench-signing-secret' },
  issuer: undefined,
  audience: undefined,
  subjectClaim: 'sub',
  rolesClaim: 'roles',
  devTokens: true,
};

const db = await openBenchDatabase(note);
try {
  await db.executor.runSchema('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  await migrate(db.executor);
  const services = createServices(db.executor);
  await seedReferenceData(services);
  const bySource = new Map<string, unknown[]>();
  for (const record of generateDataset({ people, seed, corruption: mildCorruption }) as Iterable<GeneratedRecord>) {
    (bySource.get(record.source) ?? bySource.set(record.source, []).get(record.source)!).push(record.payload);
  }
  let loaded = 0;
  for (const [source, payloads] of bySource) {
    for (let i = 0; i < payloads.length; i += 500) {
      const chunk = payloads.slice(i, i + 500).map((payload, position) => ({ position, payload }));
      loaded += (await services.ingest.ingest(source, chunk)).received;
    }
  }
  const ids = (await db.executor.readRows<{ id: string }>(
    'MATCH (c:Customer)<-[:BELONGS_TO]-(r:SourceRecord) WITH c, count(r) AS n ORDER BY n DESC, c.id LIMIT 50 RETURN c.id AS id',
  )).map((r) => r.id);
  note(`loaded ${loaded} payloads for ${people} made-up people; reading the ${ids.length} customers with most records`);

  const logger = createLogger('silent');
  const full = await startServer({
    config: { env: 'test', http: { host: '127.0.0.1', port: 0, shutdownTimeoutMs: 5_000 }, auth, corsOrigins: [] },
    logger,
    executor: db.executor,
    version: 'bench',
    services,
  });
  full.markReady([]);
  const floor = await startFloor(services, makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers }));
  const middleware = await startFloor(services, buildSchema());
  const audited = await startFloor(services, buildSchema(), [personalReadAuditPlugin()]);

  const steward = `Bearer ${await mintToken(auth, { id: 'bench-steward', roles: ['steward'] })}`;
  const agent = `Bearer ${await mintToken(auth, { id: 'bench-agent', roles: ['agent'] })}`;
  const variants = [
    { name: 'full/steward', url: `${full.url}/graphql`, authorization: steward },
    { name: 'full/agent', url: `${full.url}/graphql`, authorization: agent },
    { name: 'audited', url: `${audited.url}/graphql`, authorization: '' },
    { name: 'middleware', url: `${middleware.url}/graphql`, authorization: '' },
    { name: 'floor', url: `${floor.url}/graphql`, authorization: '' },
  ];
  const timings = new Map(variants.map((v) => [v.name, [] as number[]]));
  const send = async (variant: (typeof variants)[number], id: string) => {
    const started = performance.now();
    const res = await fetch(variant.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(variant.authorization ? { authorization: variant.authorization } : {}) },
      body: JSON.stringify({ query: QUERY, variables: { id } }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    if (body.errors) throw new Error(`${variant.name} answered errors`);
    return performance.now() - started;
  };
  for (const variant of variants) for (const id of ids.slice(0, 10)) await send(variant, id); // warm-up
  const rounds = 10;
  for (let round = 0; round < rounds; round += 1) {
    for (const variant of variants) {
      for (let i = 0; i < Math.ceil(requests / rounds); i += 1) timings.get(variant.name)!.push(await send(variant, ids[(round * 31 + i) % ids.length]!));
    }
  }
  console.log(`360 read of the ${ids.length} largest customers (${people} people), ${requests} requests per variant, sequential, interleaved in ${rounds} rounds:`);
  for (const variant of variants) console.log(`  ${variant.name.padEnd(13)} ${latencyLine(timings.get(variant.name)!)}`);
  const p = (name: string, q: number) => percentile(timings.get(name)!, q);
  console.log(`  field middleware alone: p50 +${(p('middleware', 50) - p('floor', 50)).toFixed(1)} ms, p99 +${(p('middleware', 99) - p('floor', 99)).toFixed(1)} ms`);
  console.log(`  audit entry of the reads: p50 +${(p('audited', 50) - p('middleware', 50)).toFixed(1)} ms over the field middleware`);
  console.log(`  authentication, query limits, rate limit: p50 +${(p('full/steward', 50) - p('audited', 50)).toFixed(1)} ms over that`);
  console.log(`  cost over the floor: steward p50 +${(p('full/steward', 50) - p('floor', 50)).toFixed(1)} ms, p99 +${(p('full/steward', 99) - p('floor', 99)).toFixed(1)} ms; agent p50 +${(p('full/agent', 50) - p('floor', 50)).toFixed(1)} ms, p99 +${(p('full/agent', 99) - p('floor', 99)).toFixed(1)} ms`);
  await full.stop();
  await floor.stop();
  await middleware.stop();
  await audited.stop();
} finally {
  await db.close();
}

/** A server on the same services with this schema and no authentication, plugins or audit of reads. */
async function startFloor(services: ReturnType<typeof createServices>, schema: GraphQLSchema, plugins: ApolloServerPlugin<Context>[] = []) {
  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer<Context>({ schema, plugins });
  await apollo.start();
  const caller = { kind: 'user', id: 'bench-floor', roles: ['steward'] } as const;
  let request = 0;
  const logger = createLogger('silent');
  app.use(
    '/graphql',
    express.json({ limit: '10mb' }),
    expressMiddleware(apollo, { context: async () => buildContext({ requestId: `bench-${(request += 1)}`, caller, logger, services, serviceInfo: () => ({ version: 'bench', migrations: [] }) }) }),
  );
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, stop: async () => { await apollo.stop(); httpServer.close(); } };
}
