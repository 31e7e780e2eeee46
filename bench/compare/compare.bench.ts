/**
 * Quality side by side with Splink, run on demand (not a test):
 *   node bench/compare/compare.bench.ts [--people 4000] [--seed 1] [--mild] [--one-at-a-time]
 *     [--thresholds 0.95,0.5,0.8,0.9,0.99] [--max-pairs 1e7] [--recall 0.7] [--only product|splink] [--keep]
 *
 * Generates one labelled CSV, runs the product's own `eval` command on it (on a throwaway
 * local Neo4j, or the one NEO4J_URI names: IT IS EMPTIED) and Splink 4 with DuckDB (in
 * bench/compare/.venv, set up on first use), then prints both tables, every figure counted
 * by the product's `evaluate`, and how many true pairs share any exact evidence at all.
 * Counts, rates and timings only: no record value reaches the output.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { evaluate, type Evaluation } from '../../src/match/evaluate.ts';
import { mildCorruption } from '../generate/dataset.ts';
import { csvLine, writeLabelledCsv, type LabelledRow } from '../generate/labelled.ts';
import { positiveOption } from '../support/options.ts';
import { evidenceShare } from './evidence.ts';
import { openChildDatabase } from './neo4j-env.ts';
import { cleanRow, splinkColumns, type Cleaned } from './prepare.ts';
import { LABELLED_MAPPING, LABELLED_SOURCE, parseEvalTable, readCrosswalk, runCli } from './product-eval.ts';
import { formatEvidence, formatQuality, type QualityRow } from './report.ts';
import { ensureSplinkEnv, runSplink, type SplinkReport } from './splink-env.ts';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '4000' },
    seed: { type: 'string', default: '1' },
    mild: { type: 'boolean', default: false },
    'one-at-a-time': { type: 'boolean', default: false },
    // The first is the headline; 0.95 is also the product's link threshold.
    thresholds: { type: 'string', default: '0.95,0.5,0.8,0.9,0.99' },
    'max-pairs': { type: 'string', default: '1e7' },
    recall: { type: 'string', default: '0.7' },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
  strict: true,
});
const people = positiveOption(values, 'people');
const seed = positiveOption(values, 'seed');
const thresholds = values.thresholds.split(',').map(Number);
const maxPairs = Number(values['max-pairs']);
const recall = Number(values.recall);
if (thresholds.some((t) => !(t > 0 && t < 1)) || !(maxPairs >= 1e6) || !(recall > 0 && recall <= 1)) {
  console.error('--thresholds must be probabilities in (0, 1), --max-pairs at least 1e6, --recall in (0, 1]');
  process.exit(64);
}
if (values.only !== undefined && values.only !== 'product' && values.only !== 'splink') {
  console.error('--only takes product or splink');
  process.exit(64);
}
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const print = (line = '') => process.stdout.write(`${line}\n`);
const since = (started: number) => (performance.now() - started) / 1000;

const work = await mkdtemp(join(tmpdir(), 'identity-graph-compare-'));
try {
  const labelledPath = join(work, 'labelled.csv');
  let started = performance.now();
  const written = writeLabelledCsv(labelledPath, { people, seed, ...(values.mild ? { corruption: mildCorruption } : {}) });
  const generateSeconds = since(started);
  log(`labelled CSV: ${written.rows} records of ${written.people} people in ${generateSeconds.toFixed(1)} s`);

  const rows = parse(await readFile(labelledPath), { columns: true, skip_empty_lines: true }) as LabelledRow[];
  const truth = new Map<string, string>();
  const byPerson = new Map<string, Cleaned[]>();
  const splinkLines = [csvLine(splinkColumns)];
  for (const row of rows) {
    const cleaned = cleanRow(row);
    truth.set(row.record_id, row.true_entity);
    const records = byPerson.get(row.true_entity);
    if (records) records.push(cleaned);
    else byPerson.set(row.true_entity, [cleaned]);
    splinkLines.push(csvLine(splinkColumns.map((column) => cleaned.row[column] ?? '')));
  }
  const splinkInput = join(work, 'splink-input.csv');
  await writeFile(splinkInput, `${splinkLines.join('\n')}\n`);
  const evidence = evidenceShare(byPerson);

  const splink = values.only === 'product' ? null : await splinkSide(splinkInput, truth);
  const product = values.only === 'splink' ? null : await productSide(labelledPath, truth);

  print(`Identity resolution, product vs Splink: ${people} people (seed ${seed}, ${values.mild ? 'mild' : 'hard default'} corruption), ${rows.length} records, ${byPerson.size} persons, ${evidence.truePairs} true pairs; labelled CSV generated in ${generateSeconds.toFixed(1)} s`);
  if (product) {
    print();
    print(`Product: npm run cli -- eval (${product.oneAtATime ? 'all four runs' : '--bulk-only'}) on ${product.database}; seconds = that run's ingestion with resolution`);
    print(formatQuality(product.rows));
    print(`CLI wall time ${product.cliSeconds.toFixed(1)} s (every run, training, reading back). Check: the crosswalk of the last run counted here by evaluate() ${product.check}`);
  }
  if (splink) {
    const { report } = splink;
    print();
    print(`Splink ${report.splink} (DuckDB ${report.duckdb}), clusters at each threshold; seconds = load, training, predict and that clustering`);
    print(formatQuality(splink.rows));
    const phases = Object.entries(report.phases).filter(([name]) => !name.startsWith('cluster ')).map(([name, s]) => `${name} ${s.toFixed(1)} s`);
    print(`Splink process wall time ${splink.seconds.toFixed(1)} s (${phases.join(', ')}); prior ${report.probabilityTwoRandomRecordsMatch.toExponential(3)} from deterministic rules at recall ${report.recall}, u from ${report.maxPairs.toExponential(0)} random pairs, ${report.scoredPairsAboveLowestThreshold} pairs scored above ${Math.min(...thresholds)}${splink.setupSeconds > 0 ? `; environment set up in ${splink.setupSeconds.toFixed(1)} s` : ''}`);
  }
  print();
  print('Shared evidence (after the product\'s normalization; a pair can have several kinds)');
  print(formatEvidence(evidence, recall));
} finally {
  if (values.keep) log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}

async function splinkSide(input: string, truth: ReadonlyMap<string, string>): Promise<{ rows: QualityRow[]; report: SplinkReport; seconds: number; setupSeconds: number }> {
  const setupSeconds = await ensureSplinkEnv(log);
  log('running Splink');
  const clustersOut = join(work, 'splink-clusters.csv');
  const { report, seconds } = await runSplink({ input, clustersOut, thresholds, recall, maxPairs, seed });
  const clusters = parse(await readFile(clustersOut), { columns: true, skip_empty_lines: true }) as Array<{ unique_id: string; threshold: string; cluster_id: string }>;
  const before = Object.entries(report.phases).filter(([name]) => !name.startsWith('cluster ') && name !== 'write').reduce((total, [, s]) => total + s, 0);
  const rows = thresholds.map((threshold, index) => {
    const predicted = new Map(clusters.filter((c) => Number(c.threshold) === threshold).map((c) => [c.unique_id, c.cluster_id]));
    const evaluation = evaluate(truth, predicted);
    const clusterSeconds = Object.entries(report.phases).find(([name]) => name.startsWith('cluster ') && Number(name.slice(8)) === threshold)?.[1] ?? 0;
    return row(`threshold ${threshold}${index === 0 ? ' (headline)' : ''}`, evaluation, evaluation.counts.clusters, before + clusterSeconds);
  });
  return { rows, report, seconds, setupSeconds };
}

async function productSide(labelledPath: string, truth: ReadonlyMap<string, string>): Promise<{ rows: QualityRow[]; cliSeconds: number; database: string; check: string; oneAtATime: boolean }> {
  const oneAtATime = values['one-at-a-time'];
  const database = await openChildDatabase(log);
  try {
    log(`running the product's eval on ${database.description}`);
    const evalArgs = ['eval', labelledPath, '--mapping', LABELLED_MAPPING, '--truth-column', 'true_entity', '--empty-database', ...(oneAtATime ? [] : ['--bulk-only'])];
    const { stdout, seconds: cliSeconds } = await runCli(evalArgs, database.env);
    const runs = parseEvalTable(stdout);
    const crosswalkPath = join(work, 'crosswalk.csv');
    await runCli(['crosswalk', '--source', LABELLED_SOURCE, '--out', crosswalkPath], database.env);
    const last = evaluate(truth, await readCrosswalk(crosswalkPath));
    const printed = runs.at(-1)!;
    const agrees = (['precision', 'recall', 'f1', 'duplicateProfileRate', 'overMergeRate'] as const).every((k) => last[k].toFixed(4) === printed[k].toFixed(4));
    const rows = runs.map((run, index) => {
      const isLast = index === runs.length - 1;
      return row(`${run.ingestion} ${run.model}`, isLast ? last : run, isLast ? last.counts.clusters : null, truth.size / run.recordsPerSecond);
    });
    const check = agrees ? 'agrees with the command\'s table' : 'DIFFERS from the command\'s table (last row shows the recount)';
    return { rows, cliSeconds, database: database.description, check, oneAtATime };
  } finally {
    await database.close();
  }
}

function row(label: string, figures: QualityRow['figures'] | Evaluation, clusters: number | null, seconds: number): QualityRow {
  const { precision, recall, f1, duplicateProfileRate, overMergeRate } = figures;
  return { label, figures: { precision, recall, f1, duplicateProfileRate, overMergeRate }, clusters, seconds };
}
