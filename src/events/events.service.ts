import type { Logger } from 'pino';
import { DEFAULT_RETENTION_DAYS, type EventsConfig } from '../config.ts';
import type { GraphExecutor } from '../graph/executor.ts';
import { RETENTION_SWEEP_MS, startSweeping } from '../graph/retention-sweep.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { defaultRetryPolicy } from './backoff.ts';
import { EventFeed } from './event-feed.ts';
import { OutboxService } from './outbox.service.ts';
import { sweepEvents, type SweepReport } from './retention.ts';
import { WebhookService } from './webhook.service.ts';
import { WebhookWorker } from './webhook-worker.ts';

export type EventsOptions = Omit<EventsConfig, 'webhookWorker'> & { random?: () => number; marketingWithoutDecision?: 'suppress' | 'allow' };

export const defaultEventsOptions = (env: 'development' | 'test' | 'production' = 'development'): EventsOptions => ({
  pollMs: 200,
  retentionDays: DEFAULT_RETENTION_DAYS,
  allowPrivateTargets: env !== 'production',
  retry: defaultRetryPolicy,
  timeoutMs: 5_000,
  concurrency: 8,
});

/**
 * Change events out: the outbox every change appends to, this process's feed of it (for
 * subscriptions) and webhooks. Neither the feed nor the worker runs until started (main.ts,
 * or a test that wants them), so other processes and tests are not polled.
 */
export class EventsService {
  readonly outbox: OutboxService;
  readonly feed: EventFeed;
  readonly webhooks: WebhookService;
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly options: EventsOptions;

  constructor(executor: GraphExecutor, codec: ValueCodec, options: Partial<EventsOptions> = {}) {
    this.executor = executor;
    this.codec = codec;
    this.options = { ...defaultEventsOptions(), ...options };
    this.outbox = new OutboxService(executor);
    this.feed = new EventFeed(this.outbox);
    this.webhooks = new WebhookService(executor, codec, { allowPrivateTargets: this.options.allowPrivateTargets });
  }

  /** Sequences the outbox and feeds subscriptions (and queues webhook deliveries) every pollMs. */
  startFeed(log?: Logger): Promise<() => Promise<void>> {
    return this.feed.start(this.options.pollMs, log);
  }

  /** Deletes ended webhook deliveries and passed outbox events older than the retention (events/retention.ts). */
  sweepRetention(now = new Date()): Promise<SweepReport> {
    return sweepEvents(this.executor, this.options.retentionDays, now);
  }

  /** Sweeps shortly after start, then hourly, until the returned function is called. */
  startRetention(log?: Logger): () => Promise<void> {
    return startSweeping('events', () => this.sweepRetention(), RETENTION_SWEEP_MS, log);
  }

  /** Sends due webhook deliveries from this process. */
  startWebhookWorker(log?: Logger): () => Promise<void> {
    const { retry, timeoutMs, concurrency, allowPrivateTargets, random, marketingWithoutDecision } = this.options;
    return new WebhookWorker(this.executor, this.codec, {
      retry,
      timeoutMs,
      concurrency,
      allowPrivateTargets,
      pollMs: Math.min(this.options.pollMs, 1_000),
      ...(random ? { random } : {}),
      ...(marketingWithoutDecision ? { marketingWithoutDecision } : {}),
      ...(log ? { log } : {}),
    }).start();
  }
}
