/**
 * The view benchmark's load generator: a second process that sends requests at a fixed rate
 * (open loop: request i is due at start + i / rate whether or not earlier ones answered, and
 * its latency counts from when it was due, so a slow server cannot hide its queue) for a
 * number of seconds after a warm-up, and prints one JSON line of figures on stdout.
 *
 *   node bench/view/load.ts SPEC.json
 *
 * The spec (written by view.bench.ts, mode 0600, deleted after the run) names either the
 * GraphQL endpoint, a token and requests, or the Neo4j and the bare Cypher statements of the
 * same reads (the floor). Requests go round-robin. Nothing of a request or an answer is
 * printed: counts, codes and timings only.
 */
import { readFileSync } from 'node:fs';
import neo4j from 'neo4j-driver';

export type LoadRequest = { query: string; variables: Record<string, unknown> };
export type LoadSpec = {
  label: string;
  rate: number;
  seconds: number;
  warmupSeconds: number;
  /** Requests beyond this many in flight are not sent and count as `skipped`. */
  maxInFlight: number;
  target:
    | { kind: 'graphql'; url: string; token: string; requests: LoadRequest[] }
    | { kind: 'cypher'; uri: string; user: string; password: string; database: string; requests: LoadRequest[] };
};
export type LoadResult = {
  label: string;
  rate: number;
  seconds: number;
  sent: number;
  ok: number;
  skipped: number;
  /** Answers with errors, by `extensions.code` (or HTTP status / driver code). */
  errors: Record<string, number>;
  achievedRps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

type Send = (request: LoadRequest) => Promise<string | null>;

function graphqlSender(url: string, token: string): Send {
  return async ({ query, variables }) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => null)) as { errors?: Array<{ extensions?: { code?: string } }> } | null;
    if (body?.errors?.length) return body.errors[0]!.extensions?.code ?? 'GRAPHQL_ERROR';
    return response.ok ? null : `HTTP_${response.status}`;
  };
}

function cypherSender(target: Extract<LoadSpec['target'], { kind: 'cypher' }>): { send: Send; close(): Promise<void> } {
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { maxConnectionPoolSize: 100, disableLosslessIntegers: true });
  return {
    send: async ({ query, variables }) => {
      const session = driver.session({ database: target.database, defaultAccessMode: neo4j.session.READ });
      try {
        await session.executeRead((tx) => tx.run(query, variables));
        return null;
      } catch (error) {
        return (error as { code?: string }).code ?? 'DRIVER_ERROR';
      } finally {
        await session.close();
      }
    },
    close: () => driver.close(),
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Nearest-rank percentile of sorted values. */
const rank = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const cypher = spec.target.kind === 'cypher' ? cypherSender(spec.target) : null;
  const send = cypher?.send ?? graphqlSender((spec.target as { url: string }).url, (spec.target as { token: string }).token);
  const requests = spec.target.requests;
  const interval = 1000 / spec.rate;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let inFlight = 0;
  let sent = 0;
  let skipped = 0;
  const pending = new Set<Promise<void>>();
  const start = performance.now() + 50;
  const measureFrom = start + spec.warmupSeconds * 1000;
  const end = measureFrom + spec.seconds * 1000;
  for (let i = 0; ; i++) {
    const due = start + i * interval;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const measured = due >= measureFrom;
    if (inFlight >= spec.maxInFlight) {
      if (measured) skipped++;
      continue;
    }
    inFlight++;
    if (measured) sent++;
    const request = requests[i % requests.length]!;
    const done = send(request)
      .catch((error: unknown) => (error as { code?: string }).code ?? 'SEND_FAILED')
      .then((code) => {
        inFlight--;
        if (!measured) return;
        latencies.push(performance.now() - due);
        if (code) errors[code] = (errors[code] ?? 0) + 1;
      });
    pending.add(done);
    void done.finally(() => pending.delete(done));
  }
  await Promise.all(pending);
  const finished = performance.now();
  await cypher?.close();
  latencies.sort((a, b) => a - b);
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  return {
    label: spec.label,
    rate: spec.rate,
    seconds: spec.seconds,
    sent,
    ok: latencies.length - errorCount,
    skipped,
    errors,
    achievedRps: latencies.length / ((finished - measureFrom) / 1000),
    p50: rank(latencies, 50),
    p95: rank(latencies, 95),
    p99: rank(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

if (import.meta.main) {
  const path = process.argv[2];
  if (!path) {
    console.error('usage: node bench/view/load.ts SPEC.json');
    process.exit(64);
  }
  const spec = JSON.parse(readFileSync(path, 'utf8')) as LoadSpec;
  process.stdout.write(`${JSON.stringify(await runLoad(spec))}\n`);
}
