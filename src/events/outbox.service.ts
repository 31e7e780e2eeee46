import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import type { ChangeEvent } from './outbox.ts';
import { EVENTS_AFTER, HAS_UNSEQUENCED, LOCK_SEQUENCE, MOVE_SEQUENCE, SEQUENCE_EVENTS, SEQUENCE_HEAD, UNSEQUENCED } from './outbox.cypher.ts';

/** At most this many events are sequenced, or read, at once. */
const BATCH = 1_000;

type EventRow = Omit<ChangeEvent, 'seq'> & { seq: unknown };

/**
 * Orders the outbox and reads it back. Events are appended unordered by every writer (a
 * counter would make every change wait on one lock); the sequencer, one at a time, gives
 * each committed event the next `seq`, so a reader that follows `seq` from its cursor
 * never misses one that committed late.
 */
export class OutboxService {
  private readonly executor: GraphExecutor;

  constructor(executor: GraphExecutor) {
    this.executor = executor;
  }

  /** Sequences every committed, unsequenced event (and queues their webhook deliveries). Returns how many. */
  async sequence(): Promise<number> {
    const [pending] = await this.executor.readRows<{ pending: boolean }>(HAS_UNSEQUENCED);
    if (!pending?.pending) return 0;
    let done = 0;
    for (;;) {
      const batch = await this.executor.write((tx) => sequenceBatch(tx));
      done += batch;
      if (batch < BATCH) return done;
    }
  }

  /** The newest position handed out: a new reader starts after it. */
  async head(): Promise<number> {
    const [row] = await this.executor.readRows<{ seq: unknown }>(SEQUENCE_HEAD);
    return Number(row?.seq ?? 0);
  }

  async after(seq: number, first = BATCH): Promise<ChangeEvent[]> {
    const rows = await this.executor.readRows<EventRow>(EVENTS_AFTER, { after: int(seq), first: int(first) });
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }
}

// The lock comes first: only then are the unsequenced events read, so two sequencers
// never give out one position (the unique constraint on seq would refuse it anyway).
async function sequenceBatch(tx: Tx): Promise<number> {
  const head = Number((await tx.run(LOCK_SEQUENCE)).records[0]!.get('seq'));
  const ids = (await tx.run(UNSEQUENCED, { first: int(BATCH) })).records.map((r) => r.get('id') as string);
  if (ids.length === 0) return 0;
  await tx.run(SEQUENCE_EVENTS, { rows: ids.map((id, i) => ({ id, seq: int(head + i + 1) })) });
  await tx.run(MOVE_SEQUENCE, { seq: int(head + ids.length) });
  return ids.length;
}
