import type { Logger } from 'pino';
import { describeErrorForLog } from '../errors/log-safe.ts';
import { int, type GraphExecutor } from './executor.ts';

/** Nodes one transaction of a retention sweep deletes at most. */
export const RETENTION_BATCH = 1_000;
/** How often an API process sweeps: retention is counted in days, so hourly is close enough. */
export const RETENTION_SWEEP_MS = 60 * 60_000;

/** The instant `days` before `now`, as Cypher's datetime() reads it. */
export const retentionCutoff = (days: number, now: Date): string => new Date(now.getTime() - days * 24 * 60 * 60_000).toISOString();

/**
 * Runs one delete statement (`$cutoff`, `$batch`; it deletes at most `$batch` and returns
 * `deleted`) until it deletes fewer than `batch`, each run its own transaction, so no
 * sweep holds more than one batch's locks or memory. Returns how many in all.
 */
export async function deleteInBatches(executor: GraphExecutor, statement: string, cutoff: string, batch: number, params: Record<string, unknown> = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await executor.writeRows<{ deleted: unknown }>(statement, { ...params, cutoff, batch: int(batch) });
    const deleted = Number(row?.deleted ?? 0);
    total += deleted;
    if (deleted < batch) return total;
  }
}

/** Runs `sweep` shortly after start and then every `everyMs` until the returned function is called (it waits for a sweep under way). */
export function startSweeping(name: string, sweep: () => Promise<Record<string, number>>, everyMs: number, log?: Logger): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = sweep()
      .then((report) => {
        if (Object.values(report).some((n) => n > 0)) log?.info({ deleted: report }, `${name} retention sweep`);
      })
      .catch((error: unknown) => log?.warn({ err: describeErrorForLog(error) }, `${name} retention sweep failed; it runs again later`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  // A little after start, spread over processes started together.
  timer = setTimeout(tick, 5_000 + Math.floor(Math.random() * 5_000));
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
