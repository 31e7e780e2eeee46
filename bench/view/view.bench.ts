/**
 * The single customer view under load, run on demand (not a test):
 *   node bench/view/view.bench.ts [--people 470000] [--seed 1] [--data-dir DIR] [--heap 3g] [--page-cache 5g]
 *       [--rate 200] [--search-rate 100] [--seconds 30] [--warmup 5] [--only lookup,profile,search,segment]
 *
 * Loads a base of generated people through the bulk path (about 2.13 source records and 5
 * payloads a person: 470,000 people are 1,000,000 source records with their interactions),
 * once per --data-dir, then starts the API in a process of its own and, from a second
 * process on loopback, sends each read at a fixed rate: `customerByIdentifier` (e-mails and
 * phones in several formats), the 360 profile with a 20-item timeline (as an agent: masked,
 * every personal read audited) and `searchCustomers` (names, half with a typo). Each read
 * runs again as one bare Cypher statement through the driver at the same rate: the floor.
 * Then two behavioural segments are counted over the whole base, through GraphQL and as
 * their compiled Cypher. Prints counts, timings and memory; never a value of a record.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import { mintToken } from '../../src/auth/token.ts';
import { freePort } from '../../src/graph/free-port.ts';
import { compileSegment } from '../../src/segment/compile.ts';
import { plainCodec } from '../../src/privacy/codec.ts';
import { segmentCount } from '../../src/segment/segment.cypher.ts';
import type { SegmentDefinition } from '../../src/segment/definition.ts';
import { loadBase, loadedBase } from './base.ts';
import type { LoadRequest, LoadResult, LoadSpec } from './load.ts';
import { sampleTargets } from './targets.ts';
import { openBenchDatabase, type BenchDatabase } from '../support/neo4j.ts';
import { mib } from '../support/measure.ts';
import { positiveOption } from '../support/options.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '470000' },
    seed: { type: 'string', default: '1' },
    'data-dir': { type: 'string' },
    heap: { type: 'string', default: '3g' },
    'page-cache': { type: 'string', default: '5g' },
    rate: { type: 'string', default: '200' },
    'search-rate': { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    samples: { type: 'string', default: '2000' },
    only: { type: 'string', default: 'lookup,profile,search,segment' },
    // Where the API process writes a V8 CPU profile on exit (node --cpu-prof), to see where its time goes.
    'api-cpu-prof': { type: 'string' },
  },
  strict: true,
});
const option = (name: string) => positiveOption(values, name);
const spec = { people: option('people'), seed: option('seed') };
const rate = option('rate');
const searchRate = option('search-rate');
const seconds = option('seconds');
const warmupSeconds = option('warmup');
const samples = option('samples');
const only = new Set(values.only.split(','));

const say = (line = '') => console.log(line);
const note = (msg: string) => console.error(msg);
const secondsSince = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

// ---------- the API and the load process ----------

type Api = { url: string; pid: number; stop(): Promise<void> };

async function startApi(db: BenchDatabase, secret: string): Promise<Api> {
  const port = await freePort();
  const profile = values['api-cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['api-cpu-prof']] : [];
  if (process.env.VIEW_BENCH_API_IMPORT) profile.push('--import', process.env.VIEW_BENCH_API_IMPORT);
  const child: ChildProcess = spawn(process.execPath, [...profile, 'src/main.ts'], {
    env: {
      ...process.env,
      ...db.env,
      PORT: String(port),
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      AUTH_JWT_SECRET: secret,
      RATE_LIMIT_QUERIES_PER_MINUTE: '100000000',
      WEBHOOK_WORKER_ENABLED: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited during start-up (code ${child.exitCode})`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok).catch(() => false);
    if (ready) break;
    if (performance.now() - started > 300_000) throw new Error('the API did not become ready in 5 minutes');
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    url: `${url}/graphql`,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** RSS now and its high-water mark of a process, from /proc (Linux). */
async function memoryOf(pid: number | undefined): Promise<{ rss: number; hwm: number } | null> {
  if (pid === undefined) return null;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  if (!status) return null;
  const kib = (field: string) => Number(/\s(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(field)) ?? '')?.[1] ?? Number.NaN) * 1024;
  return { rss: kib('VmRSS:'), hwm: kib('VmHWM:') };
}

/** CPU seconds a process has used (user and system, /proc/PID/stat in clock ticks of 1/100 s). */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return Number.NaN;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Runs a load and says how much CPU the API and Neo4j spent per answered request meanwhile (warm-up included). */
async function measuredLoad(dir: string, load: LoadSpec, pids: { api: number; neo4j: number | undefined }): Promise<string> {
  const before = [await cpuSeconds(pids.api), await cpuSeconds(pids.neo4j)];
  const result = await runLoadProcess(dir, load);
  const after = [await cpuSeconds(pids.api), await cpuSeconds(pids.neo4j)];
  const requests = result.sent / load.seconds * (load.seconds + load.warmupSeconds);
  const perRequest = (i: number) => (((after[i]! - before[i]!) * 1000) / requests).toFixed(1);
  return `${resultLine(result)}\n${''.padEnd(17)}CPU per request: API ${perRequest(0)} ms, Neo4j ${perRequest(1)} ms`;
}

async function runLoadProcess(dir: string, load: LoadSpec): Promise<LoadResult> {
  const file = join(dir, `${load.label}.json`);
  await writeFile(file, JSON.stringify(load), { mode: 0o600 });
  try {
    const child = spawn(process.execPath, ['bench/view/load.ts', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    if (code !== 0) throw new Error(`the load process for ${load.label} exited with ${code}`);
    return JSON.parse(out) as LoadResult;
  } finally {
    await rm(file, { force: true });
  }
}

const fmt = (n: number) => (Number.isNaN(n) ? 'n/a' : n.toFixed(1));
const errorsText = (r: LoadResult) => (Object.keys(r.errors).length === 0 ? '' : `  errors ${Object.entries(r.errors).map(([c, n]) => `${c} ${n}`).join(', ')}`);
const resultLine = (r: LoadResult) =>
  `${r.label.padEnd(16)} ${String(r.rate).padStart(4)}/s  sent ${String(r.sent).padStart(5)}  got ${fmt(r.achievedRps).padStart(6)}/s  p50 ${fmt(r.p50).padStart(6)} ms  p95 ${fmt(r.p95).padStart(6)} ms  p99 ${fmt(r.p99).padStart(6)} ms  max ${fmt(r.max).padStart(7)} ms  skipped ${r.skipped}${errorsText(r)}`;

// ---------- segments ----------

const DAY_MS = 86_400_000;
/** The generated history ends on 2025-06-30; windows reach back from now into it. */
const historyWindowDays = () => Math.ceil((Date.now() - Date.UTC(2025, 5, 30)) / DAY_MS) + 30;

function segmentDefinitions(): Array<{ name: string; definition: SegmentDefinition }> {
  const days = historyWindowDays();
  return [
    {
      // The generator seldom shows one person the same category three times: any three visits.
      name: `visited the web shop 3 times in the last ${days} days (the history's last month) without ordering`,
      definition: { and: [{ interactions: { type: 'web', min: 3, withinDays: days } }, { interactions: { type: 'order', withinDays: days, max: 0 } }] },
    },
    {
      name: 'no e-mail engagement in 90 days, lifetime value above 100 GBP',
      definition: { and: [{ interactions: { type: 'email', subtype: ['open', 'click'], withinDays: 90, max: 0 } }, { aggregate: 'lifetimeValue', currency: 'GBP', op: 'gt', value: 100 }] },
    },
  ];
}

async function graphql<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (body.errors?.length) throw new Error(`GraphQL error ${body.errors[0]!.extensions?.code ?? ''}`);
  return body.data!;
}

async function segmentPhase(db: BenchDatabase, api: Api, token: string): Promise<void> {
  say('== segment counts over the whole base (3 runs each: GraphQL `segment(id) { count }`, then the compiled Cypher alone)');
  for (const { name, definition } of segmentDefinitions()) {
    const created = await graphql<{ createSegment: { id: string } }>(api.url, token, 'mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }', { input: { name, definition } });
    const id = created.createSegment.id;
    const api_: number[] = [];
    let count = 0;
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      count = (await graphql<{ segment: { count: number } }>(api.url, token, 'query($id: ID!) { segment(id: $id) { count } }', { id })).segment.count;
      api_.push(performance.now() - t);
    }
    const compiled = compileSegment(definition, Date.now(), plainCodec);
    const floor: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      await db.executor.readRows(segmentCount(compiled.predicate, compiled.driver), compiled.params);
      floor.push(performance.now() - t);
    }
    const list = (times: number[]) => times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ');
    say(`segment  "${name}": ${count} customers`);
    say(`         GraphQL ${list(api_)}; its Cypher alone ${list(floor)}${compiled.driver ? ' (driven from the required interactions)' : ' (every customer)'}`);
    if (compiled.driver) {
      const t = performance.now();
      const [whole] = await db.executor.readRows<{ count: number }>(segmentCount(compiled.predicate), compiled.params);
      say(`         the same predicate over every customer: ${list([performance.now() - t])}, ${whole!.count} customers`);
    }
  }
}

// ---------- main ----------

const db = await openBenchDatabase(note, { ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}), heap: values.heap, pageCache: values['page-cache'] });
let api: Api | null = null;
const work = await mkdtemp(join(tmpdir(), 'view-bench-'));
try {
  say(`view benchmark  node ${process.version}  ${db.description}`);
  const loaded = await loadedBase(db.executor);
  if (loaded?.people === spec.people && loaded.seed === spec.seed) {
    say(`base     reusing the base of ${spec.people} people (seed ${spec.seed}) in the data folder`);
  } else {
    say(`base     loading ${spec.people} people (seed ${spec.seed}) through the bulk path`);
    const t = performance.now();
    await loadBase(db.executor, spec, say);
    say(`base     loaded in ${secondsSince(t)} s`);
  }
  const counts = await db.executor.readRows<{ label: string; n: number }>(
    `UNWIND ['SourceRecord', 'Interaction', 'Identifier', 'Household'] AS label
     CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS n }
     RETURN label, n`,
  );
  const active = await db.executor.readRows<{ n: number }>("MATCH (c:Customer) WHERE c.status = 'active' RETURN count(c) AS n");
  say(`base     ${counts.map((c) => `${c.label} ${c.n}`).join(', ')}, active customers ${active[0]!.n}`);

  let t = performance.now();
  const targets = await sampleTargets(db.executor, samples);
  say(`targets  ${targets.lookups.length} identifiers (e-mails and phones, reformatted), ${targets.profiles.length} customers, ${targets.searches.length} name searches (half with a typo) in ${secondsSince(t)} s`);

  const secret = randomBytes(32).toString('hex');
  t = performance.now();
  api = await startApi(db, secret);
  say(`api      ready in ${secondsSince(t)} s (pid ${api.pid}), memory ${mib((await memoryOf(api.pid))?.rss ?? Number.NaN)}`);
  // Start-up may start background work (a view refresh after an upgrade): measure after it.
  t = performance.now();
  await db.executor.runSchema('CALL db.awaitIndexes(1800)');
  for (;;) {
    const [running] = await db.executor.readRows<{ n: number }>("MATCH (j:Job) WHERE j.status IN ['QUEUED', 'RUNNING'] RETURN count(j) AS n");
    if (running!.n === 0) break;
    await new Promise((done) => setTimeout(done, 2000));
  }
  say(`api      indexes online and background jobs done after ${secondsSince(t)} s more`);
  const auth = loadConfig({ ...process.env, NODE_ENV: 'development', AUTH_JWT_SECRET: secret }).auth;
  const agent = await mintToken(auth, { id: 'bench-agent', roles: ['agent'] });
  const marketer = await mintToken(auth, { id: 'bench-marketer', roles: ['marketer'] });

  const neo = { kind: 'cypher' as const, uri: db.env.NEO4J_URI!, user: db.env.NEO4J_USER!, password: db.env.NEO4J_PASSWORD!, database: db.env.NEO4J_DATABASE ?? 'neo4j' };
  const scenarios: Array<{ name: string; rate: number; api: LoadRequest[]; floor: LoadRequest[] }> = [
    { name: 'lookup', rate, api: targets.lookups, floor: targets.lookupFloors },
    { name: 'profile', rate, api: targets.profiles, floor: targets.profileFloors },
    { name: 'search', rate: searchRate, api: targets.searches, floor: targets.searchFloors },
  ].filter((s) => only.has(s.name));
  say(`== reads: open loop from a second process, ${warmupSeconds} s warm-up then ${seconds} s measured; latency from when each request was due`);
  let apiPeak = 0;
  let neoPeak = 0;
  const sampler = setInterval(() => {
    void memoryOf(api?.pid).then((m) => (apiPeak = Math.max(apiPeak, m?.rss ?? 0)));
    void memoryOf(db.pid).then((m) => (neoPeak = Math.max(neoPeak, m?.rss ?? 0)));
  }, 500);
  for (const s of scenarios) {
    const common = { rate: s.rate, seconds, warmupSeconds, maxInFlight: 256 };
    const pids = { api: api.pid, neo4j: db.pid };
    say(await measuredLoad(work, { label: `${s.name} api`, ...common, target: { kind: 'graphql', url: api.url, token: agent, requests: s.api } }, pids));
    say(await measuredLoad(work, { label: `${s.name} floor`, ...common, target: { ...neo, requests: s.floor } }, pids));
  }
  if (only.has('segment')) await segmentPhase(db, api, marketer);
  clearInterval(sampler);
  const apiMemory = await memoryOf(api.pid);
  const neoMemory = await memoryOf(db.pid);
  say(`memory   API RSS peak sampled ${mib(apiPeak)} (high-water ${mib(apiMemory?.hwm ?? Number.NaN)}); Neo4j RSS peak sampled ${neoMemory ? mib(neoPeak) : 'n/a (external)'} (high-water ${neoMemory ? mib(neoMemory.hwm) : 'n/a'})`);
} catch (error) {
  console.error('benchmark failed:');
  console.error(error);
  process.exitCode = 1;
} finally {
  await api?.stop();
  await rm(work, { recursive: true, force: true });
  await db.close();
}
