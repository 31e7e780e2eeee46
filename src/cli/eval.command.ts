import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { GraphExecutor } from '../graph/executor.ts';
import { migrate } from '../graph/migrations/migrate.ts';
import { ingestStream } from '../ingest/bulk-ingest.ts';
import type { IngestItem } from '../ingest/ingest.service.ts';
import { evaluate, type Evaluation } from '../match/evaluate.ts';
import type { Model } from '../match/model.ts';
import { seedReferenceData, type Services } from '../services.ts';

export type EvalOptions = {
  /** CSV with a header row: the records, plus one column naming each record's true entity. */
  file: string;
  /** A mapping specification for the file (its recordId must be a plain column). */
  mapping: unknown;
  truthColumn: string;
  /** Order of one-record-at-a-time ingestion is shuffled with this seed. */
  seed?: number;
  /** Called with the model trained on the file (labels never used), e.g. to save it. */
  onTrained?: (model: Model) => Promise<void> | void;
  /** Skip the one-record-at-a-time runs (hours on large files). */
  bulkOnly?: boolean;
};

export type EvalRun = { ingestion: 'bulk' | 'one-at-a-time'; model: string; seconds: number; recordsPerSecond: number } & Evaluation;

/**
 * Measures resolution on a labelled file: ingests it into an EMPTY database four ways
 * (in bulk and one record at a time, with the shipped model and with one trained on the
 * file's own records), reads the crosswalk back and scores it against the labels. The
 * truth column never reaches the product.
 */
export async function evaluateFile(services: Services, executor: GraphExecutor, options: EvalOptions): Promise<EvalRun[]> {
  const spec = options.mapping as { name: string; recordId: { from: string | string[] } };
  const idColumn = Array.isArray(spec.recordId.from) ? spec.recordId.from[0]! : spec.recordId.from;
  const rows = parse(await readFile(options.file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const truth = new Map<string, string>();
  const payloads = rows.map((row) => {
    const { [options.truthColumn]: entity, ...payload } = row;
    if (entity === undefined) throw new Error(`The file has no column ${options.truthColumn}`);
    truth.set(`${spec.name}|${row[idColumn]}`, entity);
    return payload;
  });
  const defaultModel = services.resolution.current.model;
  const runs: EvalRun[] = [];
  let trained: Model | null = null;
  const plan = [['bulk', 'default'], ['one-at-a-time', 'default'], ['bulk', 'trained'], ['one-at-a-time', 'trained']] as const;
  for (const [ingestion, which] of plan.filter(([mode]) => !options.bulkOnly || mode === 'bulk')) {
    if (which === 'trained' && !trained) {
      trained = (await services.train.train()).model;
      await options.onTrained?.(trained);
    }
    const model = which === 'trained' ? trained! : defaultModel;
    await reset(services, executor, options.mapping, spec.name);
    services.resolution.use({ model });
    const started = performance.now();
    if (ingestion === 'bulk') {
      await ingestStream(services.ingest, await services.sources.resolve(spec.name), items(payloads), { chunkSize: 500 });
    } else {
      for (const [position, payload] of shuffled(payloads, options.seed ?? 7)) {
        await services.ingest.ingest(spec.name, [{ position, payload }]);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const predicted = new Map<string, string>();
    for (let after: string | null = null; ; ) {
      const page: Array<{ cursor: string; customerId: string }> = await services.match.crosswalk(spec.name, 10_000, after);
      if (page.length === 0) break;
      for (const entry of page) predicted.set(entry.cursor, entry.customerId);
      after = page.at(-1)!.cursor;
    }
    runs.push({ ingestion, model: model.version, seconds, recordsPerSecond: payloads.length / seconds, ...evaluate(truth, predicted) });
  }
  services.resolution.use({ model: defaultModel });
  return runs;
}

async function reset(services: Services, executor: GraphExecutor, mapping: unknown, name: string): Promise<void> {
  const session = executor.driver.session({ database: executor.database });
  try {
    await session.run('MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
  await migrate(executor);
  await seedReferenceData(services);
  await services.sources.register({ name, mapping });
}

async function* items(payloads: readonly Record<string, string>[]): AsyncGenerator<IngestItem> {
  for (const [position, payload] of payloads.entries()) yield { position, payload };
}

function shuffled<T>(values: readonly T[], seed: number): Array<[number, T]> {
  const out = values.map((value, index) => [index, value] as [number, T]);
  let state = seed >>> 0;
  const next = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The runs as a table, every figure to four places. */
export function formatRuns(runs: readonly EvalRun[]): string {
  const header = ['ingestion', 'model', 'precision', 'recall', 'F1', 'duplicate-profile rate', 'over-merge rate', 'records/s'];
  const lines = runs.map((r) => [
    r.ingestion, r.model, r.precision.toFixed(4), r.recall.toFixed(4), r.f1.toFixed(4),
    r.duplicateProfileRate.toFixed(4), r.overMergeRate.toFixed(4), r.recordsPerSecond.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [header, ...lines].map((l) => l.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n');
}
