import type { Logger } from 'pino';
import { systemActor, type Actor } from '../audit/audit.ts';
import { isDomainError } from '../errors/domain-error.ts';
import type { GraphExecutor } from '../graph/executor.ts';
import { addTally, emptyTally, type WindowTally } from '../privacy/key-rotation.ts';
import type { KeyRotationService, RotationScope, WindowOutcome } from '../privacy/key-rotation.service.ts';
import { parseJobOptions, rotateKeysOptions } from './job-options.ts';
import type { JobService } from './job.service.ts';
import { countedProgress, type JobHandler, type JobModel } from './job.ts';

/** What a ROTATE_KEYS job keeps as its result (the GraphQL KeyRotationResult). */
export type KeyRotationResultModel = {
  currentKeyId: string;
  /** Whether plaintext values were looked for and encrypted (the upgrade). */
  plaintext: boolean;
  /** Internal ids looked at, nodes and relationships. */
  scanned: number;
  rewritten: number;
  plaintextEncrypted: number;
  /** Identifiers and enrichments moved from a plaintext-era lookup key to the blind index. */
  rekeyed: number;
  unreadable: number;
  /** How many stored values name each key id, as the job left them. */
  valuesByKey: Array<{ keyId: string; values: number }>;
  /** Key ids other than the current one that values still name: not yet safe to remove from the ring. */
  retiredKeysInUse: string[];
};

const scopes: readonly RotationScope[] = ['nodes', 'relationships'];

function cursorOf(cursor: string | undefined): { scope: RotationScope; next: number } {
  const [scope, next] = (cursor ?? 'nodes:0').split(':');
  return { scope: scope === 'relationships' ? 'relationships' : 'nodes', next: Number(next) || 0 };
}

/**
 * ROTATE_KEYS: re-encrypts, under the ring's current key, every stored value that names
 * another key (and, with `plaintext`, the values and lookup keys stored before encryption).
 * Walks nodes, then relationships, by internal id windows of `window` ids; each window is
 * one transaction that also saves its page, so an attempt that takes over goes on after
 * the last committed window. Every process must encrypt under the new current key before
 * it starts: ids created after its start are not looked at. Reads go on throughout: old keys stay in the ring until the
 * result's retiredKeysInUse is empty. Nothing to take back: it can be cancelled at any page.
 */
export function rotateKeysJob(rotation: KeyRotationService, executor: GraphExecutor): JobHandler {
  return {
    kind: 'ROTATE_KEYS',
    unit: 'steps',
    parseOptions: (raw) => parseJobOptions(rotateKeysOptions, raw),
    progress: countedProgress,
    async run(context) {
      const ring = rotation.ring;
      if (!ring) return { status: 'REFUSED', code: 'NO_KEY_RING', message: 'This process has no encryption key ring: configure FIELD_ENCRYPTION_KEYS or FIELD_ENCRYPTION_KEY_FILE.' };
      const { plaintext, window } = rotateKeysOptions.parse(context.job.options);
      const pages = await context.pages();
      let tally: WindowTally = emptyTally();
      let rekeyed = 0;
      for (const page of pages) {
        const outcome = JSON.parse(page.payload) as WindowOutcome;
        tally = addTally(tally, outcome);
        rekeyed += outcome.rekeyed;
      }
      let { scope, next } = cursorOf(pages.at(-1)?.cursor);
      let processed = pages.at(-1)?.processed ?? 0;
      // The walk ends at the highest ids of its start (of this attempt's start, when resumed):
      // what is created later is written by processes that already encrypt under the current
      // key, and chasing it would never end while the store is being written (audit entries).
      const max = { nodes: await rotation.maxId('nodes'), relationships: await rotation.maxId('relationships') };
      const total = max.nodes + 1 + max.relationships + 1;
      await context.report({ phase: scope, processed, total: Math.max(total, processed) });
      let index = pages.length;
      for (const current of scopes.slice(scopes.indexOf(scope))) {
        if (current !== scope) next = 0;
        scope = current;
        while (next <= max[current]) {
          const from = next;
          const to = from + window;
          const outcome = await executor.write(async (tx) => {
            const done = await rotation.rotateWindow(tx, current, from, to, plaintext);
            await context.savePage(tx, { index, cursor: `${current}:${to}`, records: to - from, processed: processed + (to - from), payload: JSON.stringify(done) });
            return done;
          });
          index++;
          next = to;
          processed += to - from;
          tally = addTally(tally, outcome);
          rekeyed += outcome.rekeyed;
          // The checkpoint: a cancel or shutdown stops here, after a committed window.
          await context.report({ phase: scope, processed, total: Math.max(total, processed) });
        }
      }
      const valuesByKey = Object.entries(tally.byKey)
        .filter(([, values]) => values > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([keyId, values]) => ({ keyId, values }));
      const result: KeyRotationResultModel = {
        currentKeyId: ring.currentKeyId,
        plaintext,
        scanned: processed,
        rewritten: tally.rewritten,
        plaintextEncrypted: tally.plaintext,
        rekeyed,
        unreadable: tally.unreadable,
        valuesByKey,
        retiredKeysInUse: valuesByKey.map((v) => v.keyId).filter((id) => id !== ring.currentKeyId),
      };
      return { status: 'SUCCEEDED', result };
    },
  };
}

/**
 * At start-up with encryption on: a store written before encryption (identifiers still
 * keyed by their plaintext) gets a ROTATE_KEYS job with `plaintext`, which encrypts its
 * values and re-keys its lookups in the background; reads of plaintext values work
 * meanwhile. One job across processes (a CONFLICT means another process started it).
 */
export async function rotateIfPlaintext(jobs: JobService, rotation: KeyRotationService, log?: Logger, actor: Actor = systemActor): Promise<JobModel | null> {
  if (!rotation.ring || !(await rotation.holdsPlaintext())) return null;
  try {
    const job = await jobs.start('ROTATE_KEYS', { plaintext: true }, actor);
    log?.warn({ job: job.id }, 'the store holds values from before field encryption: started a ROTATE_KEYS job to encrypt them and re-key identifier lookups');
    return job;
  } catch (error) {
    if (isDomainError(error) && error.code === 'CONFLICT') return null;
    throw error;
  }
}
