import { setTimeout as sleep } from 'node:timers/promises';
import labelledMapping from '../../bench/generate/labelled-mapping.json' with { type: 'json' };
import { labelledRows } from '../../bench/generate/labelled.ts';
import type { GraphExecutor } from '../../src/graph/executor.ts';
import { ingestStream } from '../../src/ingest/bulk-ingest.ts';
import type { Services } from '../../src/services.ts';

export const JOB_FIELDS = 'id kind status phase progress processed total startedAt finishedAt error errorCode actor resumes cancelRequested';

export type JobView = {
  id: string;
  kind: string;
  status: string;
  phase: string | null;
  progress: number;
  processed: number;
  total: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  errorCode: string | null;
  actor: string;
  resumes: number;
  cancelRequested: boolean;
};

/** Made-up people from the bench generator (about 2.15 records each, with duplicates to find), ingested and resolved as they arrive. */
export async function ingestGeneratedPeople(services: Services, people: number, seed = 11): Promise<number> {
  await services.sources.register({ name: labelledMapping.name, mapping: labelledMapping });
  let position = 0;
  async function* items() {
    for (const { true_entity: _truth, ...payload } of labelledRows({ people, seed })) yield { position: position++, payload };
  }
  await ingestStream(services.ingest, await services.sources.resolve(labelledMapping.name), items(), { chunkSize: 500 });
  return position;
}

/** The clustering: each customer's records, as sorted text, customers sorted; ids left out. */
export async function partitionOf(executor: GraphExecutor): Promise<string[]> {
  const rows = await executor.readRows<{ keys: string[] }>('MATCH (r:SourceRecord)-[:BELONGS_TO]->(c:Customer) RETURN collect(r.key) AS keys');
  return rows.map((r) => r.keys.toSorted().join(' ')).toSorted();
}

/** Polls `read` until `done` holds of what it answers, or fails after `timeoutMs` with the last answer. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting; last: ${JSON.stringify(value)}`);
    await sleep(everyMs);
  }
}

/** A promise the test opens when it likes: work waits at `pass()` until `open()`. */
export class Gate {
  private release: () => void = () => undefined;
  private closed: Promise<void> = Promise.resolve();
  /** How many passed, or wait now. */
  arrivals = 0;

  close(): void {
    this.closed = new Promise((resolve) => (this.release = resolve));
  }

  open(): void {
    this.release();
    this.closed = Promise.resolve();
  }

  async pass(): Promise<void> {
    this.arrivals += 1;
    await this.closed;
  }
}
