import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Logger } from 'pino';
import { describeErrorForLog } from '../errors/log-safe.ts';
import { int, type GraphExecutor } from '../graph/executor.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { retryDelay, type RetryPolicy } from './backoff.ts';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './signing.ts';
import { safeLookup } from './url-safety.ts';
import { CLAIM_DUE, RECORD_ATTEMPT, WITHHOLD_DELIVERY } from './webhook.cypher.ts';

export type WebhookWorkerOptions = {
  retry: RetryPolicy;
  /** Each attempt's limit, connection to last byte. */
  timeoutMs: number;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  pollMs: number;
  allowPrivateTargets: boolean;
  /** The jitter's draw (tests pin it). */
  random?: () => number;
  /** Whether a marketing destination gets customers with no marketing decision (ConsentSettings; default no). */
  marketingWithoutDecision?: 'suppress' | 'allow';
  log?: Logger;
};

type Claimed = { id: string; claim: string; attempts: unknown; url: string; secret: string; consented: boolean; event: { id: string; type: string; customerId: string; relatedIds: string[]; changedAttributes: string[]; at: string } };
type Outcome = { ok: boolean; statusCode: number | null; error: string | null; durationMs: number };

const LOG_KEEP = 50;

/**
 * Sends due webhook deliveries from this process. A delivery is claimed with a lease (its
 * next attempt time moves to the lease's end) before it is sent, and only the claim's
 * holder records the outcome, so two processes never send the same attempt; one that
 * stops mid-attempt leaves the delivery due again when its lease runs out.
 */
export class WebhookWorker {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly options: WebhookWorkerOptions;
  private inFlight = 0;

  constructor(executor: GraphExecutor, codec: ValueCodec, options: WebhookWorkerOptions) {
    this.executor = executor;
    this.codec = codec;
    this.options = options;
  }

  /** Works until the returned function is called; that waits for the attempts in flight. */
  start(): () => Promise<void> {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const sending = new Set<Promise<void>>();
    const tick = async () => {
      try {
        const free = this.options.concurrency - this.inFlight;
        const claimed = free > 0 ? await this.claim(free) : [];
        for (const delivery of claimed) {
          this.inFlight++;
          const p = this.attempt(delivery).finally(() => {
            this.inFlight--;
            sending.delete(p);
          });
          sending.add(p);
        }
      } catch (error) {
        this.options.log?.error({ err: describeErrorForLog(error) }, 'webhook claim failed');
      }
      if (!stopped) timer = setTimeout(() => void tick(), this.options.pollMs);
    };
    timer = setTimeout(() => void tick(), 0);
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([...sending]);
    };
  }

  private async claim(limit: number): Promise<Claimed[]> {
    // The lease outlasts an attempt's timeout and the write of its outcome.
    const leaseMs = this.options.timeoutMs * 2 + 10_000;
    const claim = randomUUID();
    const allowWithoutDecision = this.options.marketingWithoutDecision === 'allow';
    const rows = await this.executor.writeRows<Omit<Claimed, 'claim'>>(CLAIM_DUE, { limit: int(limit), claim, leaseMs: int(leaseMs), allowWithoutDecision });
    return rows.map((r) => ({ ...r, claim }));
  }

  private async attempt(delivery: Claimed): Promise<void> {
    if (!delivery.consented) return this.withhold(delivery);
    const outcome = await this.send(delivery);
    const attempts = Number(delivery.attempts) + 1;
    try {
      await this.executor.writeRows(RECORD_ATTEMPT, {
        id: delivery.id,
        claim: delivery.claim,
        ok: outcome.ok,
        statusCode: outcome.statusCode === null ? null : int(outcome.statusCode),
        error: outcome.error,
        retryForMs: int(this.options.retry.retryForMs),
        delayMs: int(Math.max(retryDelay(attempts, this.options.retry, this.options.random), 1)),
        entry: JSON.stringify({ at: new Date().toISOString(), statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs }),
        keep: int(LOG_KEEP),
      });
    } catch (error) {
      // The lease runs out and the delivery is tried again: at least once, never lost.
      this.options.log?.error({ err: describeErrorForLog(error), deliveryId: delivery.id }, 'webhook outcome not recorded');
    }
  }

  /** Ends a delivery the customers' consent does not allow (src/privacy/consent): nothing is sent. */
  private async withhold(delivery: Claimed): Promise<void> {
    try {
      const entry = JSON.stringify({ at: new Date().toISOString(), statusCode: null, error: 'withheld: consent', durationMs: 0 });
      await this.executor.writeRows(WITHHOLD_DELIVERY, { id: delivery.id, claim: delivery.claim, entry, keep: int(LOG_KEEP) });
    } catch (error) {
      // Claimed again when the lease runs out, and checked again then: never sent meanwhile.
      this.options.log?.error({ err: describeErrorForLog(error), deliveryId: delivery.id }, 'webhook withholding not recorded');
    }
  }

  /** One POST: the event as JSON, signed; any 2xx is delivered, everything else retried. Errors name no value. */
  private send(delivery: Claimed): Promise<Outcome> {
    const body = JSON.stringify(delivery.event);
    const secret = this.codec.decode(delivery.secret);
    const url = new URL(delivery.url);
    const started = performance.now();
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Outcome>((resolve) => {
      const done = (statusCode: number | null, error: string | null) =>
        resolve({ ok: statusCode !== null && statusCode >= 200 && statusCode < 300, statusCode, error, durationMs: Math.round(performance.now() - started) });
      const req = request(
        url,
        {
          method: 'POST',
          lookup: safeLookup(this.options.allowPrivateTargets),
          timeout: this.options.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'identity-graph-webhooks/1',
            [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
            [EVENT_ID_HEADER]: delivery.event.id,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode ?? null, res.statusCode && res.statusCode >= 200 && res.statusCode < 300 ? null : `HTTP ${res.statusCode}`));
          res.on('error', () => done(res.statusCode ?? null, 'response interrupted'));
        },
      );
      const deadline = setTimeout(() => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), this.options.timeoutMs);
      req.on('close', () => clearTimeout(deadline));
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => done(null, error.code === 'ETIMEDOUT' ? 'timeout' : (error.code ?? 'request failed')));
      req.end(body);
    });
  }
}
