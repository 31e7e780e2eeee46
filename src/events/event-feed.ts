import type { Logger } from 'pino';
import { describeErrorForLog } from '../errors/log-safe.ts';
import type { ChangeEvent } from './outbox.ts';
import type { OutboxService } from './outbox.service.ts';

type Listener = (event: ChangeEvent) => void;

/** A subscriber slower than this many events is ended rather than buffered without bound. */
const MAX_BUFFERED = 1_000;

/**
 * This process's view of the outbox: every `pollMs` it sequences what committed (any
 * process's changes), reads the events after its cursor and hands them to its listeners
 * (graphql-ws subscriptions). Each API process polls on its own from the newest position
 * it saw when it started, so two processes on one database both deliver every event to
 * their own subscribers.
 */
export class EventFeed {
  private readonly outbox: OutboxService;
  private readonly listeners = new Set<Listener>();
  private cursor: number | null = null;

  constructor(outbox: OutboxService) {
    this.outbox = outbox;
  }

  /**
   * Takes the cursor (the newest position now), then polls until the returned function is
   * called (it waits for a poll under way).
   */
  async start(pollMs: number, log?: Logger): Promise<() => Promise<void>> {
    await this.poll();
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> = Promise.resolve();
    const tick = () => {
      running = this.poll()
        .catch((error: unknown) => log?.error({ err: describeErrorForLog(error) }, 'event feed poll failed'))
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, pollMs);
        });
    };
    timer = setTimeout(tick, pollMs);
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    };
  }

  /** One round: sequence, then deliver what follows the cursor. */
  async poll(): Promise<void> {
    await this.outbox.sequence();
    if (this.cursor === null) {
      this.cursor = await this.outbox.head();
      return;
    }
    for (;;) {
      const events = await this.outbox.after(this.cursor);
      if (events.length === 0) return;
      for (const event of events) {
        this.cursor = event.seq;
        for (const listener of this.listeners) listener(event);
      }
    }
  }

  /** The events that concern `ids` (every event when null), from now on, as an async iterator for a subscription. */
  subscribe(ids: readonly string[] | null): AsyncIterableIterator<ChangeEvent> {
    const wanted = ids === null ? null : new Set(ids);
    const buffer: ChangeEvent[] = [];
    let waiting: ((result: IteratorResult<ChangeEvent>) => void) | null = null;
    let done = false;
    const finish = () => {
      done = true;
      this.listeners.delete(listener);
      waiting?.({ value: undefined, done: true });
      waiting = null;
    };
    const listener: Listener = (event) => {
      if (wanted && !wanted.has(event.customerId) && !event.relatedIds.some((id) => wanted.has(id))) return;
      if (waiting) {
        waiting({ value: event, done: false });
        waiting = null;
      } else if (buffer.length < MAX_BUFFERED) buffer.push(event);
      else finish();
    };
    this.listeners.add(listener);
    const iterator: AsyncIterableIterator<ChangeEvent> = {
      next: () => {
        if (buffer.length > 0) return Promise.resolve({ value: buffer.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return: () => {
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Subscriptions open in this process (tests, diagnostics). */
  get listenerCount(): number {
    return this.listeners.size;
  }
}
