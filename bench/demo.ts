/**
 * Loads a generated multi-source data set into the RUNNING product through its bulk
 * ingest endpoint, then prints queries that show one person's records connected across
 * sources. Usage: npm run demo [-- --people 2000 --url http://127.0.0.1:4000]
 * Prints ids and counts only; the people are made up, but output stays free of names.
 */
import { parseArgs } from 'node:util';
import { mintToken } from '../src/auth/token.ts';
import { loadConfig } from '../src/config.ts';
import { generateDataset, mildCorruption, sourceKinds, type GeneratedRecord } from './generate/dataset.ts';

const { values } = parseArgs({
  options: { people: { type: 'string', default: '2000' }, seed: { type: 'string', default: '42' }, url: { type: 'string' } },
});
const base = values.url ?? `http://127.0.0.1:${process.env['PORT'] ?? '4000'}`;
const people = Number(values.people);

const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
if (!ready) {
  process.stderr.write(`The product is not running at ${base} (start it with npm start), or pass --url.\n`);
  process.exit(1);
}

// The demo loads as an admin of the development set-up (the same token `npm run cli -- token` prints).
const authorization = `Bearer ${await mintToken(loadConfig().auth, { id: 'demo-loader', roles: ['admin'], ttlSeconds: 3600 })}`;

const bySource = new Map<string, string[]>();
const sourcesOfPerson = new Map<string, Map<string, string>>();
for (const record of generateDataset({ people, seed: Number(values.seed), corruption: mildCorruption }) as Iterable<GeneratedRecord>) {
  (bySource.get(record.source) ?? bySource.set(record.source, []).get(record.source)!).push(JSON.stringify(record.payload));
  const id = record.truth.sourceRecordId;
  if (id) (sourcesOfPerson.get(record.truth.personId) ?? sourcesOfPerson.set(record.truth.personId, new Map()).get(record.truth.personId)!).set(record.source, id);
}

let total = 0;
const started = performance.now();
for (const source of sourceKinds) {
  const lines = bySource.get(source) ?? [];
  const res = await fetch(`${base}/ingest/${source}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization }, body: lines.join('\n') });
  const outcome = (await res.json()) as { received: number; stored: number; unchanged: number; rejectedCount: number };
  total += outcome.received;
  process.stdout.write(`${source.padEnd(12)} ${String(outcome.received).padStart(6)} received, ${outcome.stored} stored, ${outcome.unchanged} unchanged, ${outcome.rejectedCount} rejected\n`);
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`\nLoaded ${total} payloads for ${people} made-up people in ${seconds.toFixed(1)} s.\n`);

// Show the customer holding the most records among the best-connected people, as the API sees it.
const candidates = [...sourcesOfPerson.values()].sort((a, b) => b.size - a.size).slice(0, 25).flatMap((m) => [...m.entries()].slice(0, 1));
let best: { id: string; records: number } | null = null;
for (const [source, id] of candidates) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({
      query: 'query($s: String!, $id: String!) { sourceRecord(source: $s, sourceRecordId: $id) { customer { id records { source } } } }',
      variables: { s: source, id },
    }),
  });
  const customer = ((await res.json()) as { data?: { sourceRecord?: { customer: { id: string; records: unknown[] } | null } | null } }).data?.sourceRecord?.customer;
  if (customer && (!best || customer.records.length > best.records)) best = { id: customer.id, records: customer.records.length };
}
if (best) {
  process.stdout.write(`\nCustomer ${best.id} was resolved from ${best.records} records of different sources. Open ${base}/graphql and run:\n\n`);
  process.stdout.write(`{
  customer(id: "${best.id}") {
    id status
    profile {
      fullName { value rule from { source sourceRecordId } }
      emails { value preferred sources { source } }
      phones { value preferred sources { source } }
      addresses { value preferred }
      identifiers { type value sources { source } }
    }
    records {
      source sourceRecordId names { given family } emails phones
      interactions(first: 5) { type subtype channel total currency occurredAt }
    }
  }
}\n`);
}
