import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor } from '../graph/executor.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { changeTypes, type ChangeType } from './outbox.ts';
import { newSigningSecret } from './signing.ts';
import { checkWebhookUrl } from './url-safety.ts';
import { ACTIVE_WEBHOOKS, CREATE_WEBHOOK, DELETE_WEBHOOK, DELIVERIES, REPLAY_DELIVERY, SET_WEBHOOK_CONSENT_PURPOSE } from './webhook.cypher.ts';

/** `consentPurpose`: a marketing or third-party destination, whose deliveries consent may withhold (src/privacy/consent); null: internal. */
export type WebhookInfo = { id: string; url: string; eventTypes: ChangeType[]; description: string | null; consentPurpose: 'MARKETING' | 'THIRD_PARTY_SHARING' | null; createdBy: string; createdAt: string };
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'DEAD' | 'CANCELLED' | 'WITHHELD';
export type DeliveryAttempt = { at: string; statusCode: number | null; error: string | null; durationMs: number };
export type DeliveryInfo = {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: ChangeType;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  log: DeliveryAttempt[];
};

const MAX_DESCRIPTION = 500;
const MAX_PAGE = 200;

/** Webhook registrations and their delivery log; the worker (webhook-worker.ts) sends. */
export class WebhookService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly allowPrivateTargets: boolean;

  constructor(executor: GraphExecutor, codec: ValueCodec, options: { allowPrivateTargets: boolean }) {
    this.executor = executor;
    this.codec = codec;
    this.allowPrivateTargets = options.allowPrivateTargets;
  }

  /** Registers a receiver; the signing secret is in the answer, and never again. Audited. */
  async register(url: string, eventTypes: readonly string[], description: string | null, actor: Actor): Promise<{ webhook: WebhookInfo; secret: string }> {
    const checked = checkWebhookUrl(url, this.allowPrivateTargets);
    const types = [...new Set(eventTypes)];
    if (types.length === 0) throw new DomainError('BAD_USER_INPUT', 'No event types', { clientMessage: 'Name at least one event type', field: ['eventTypes'] });
    if (description !== null && description.length > MAX_DESCRIPTION) {
      throw new DomainError('BAD_USER_INPUT', 'Description too long', { clientMessage: `description must be at most ${MAX_DESCRIPTION} characters`, field: ['description'] });
    }
    types.forEach((type, index) => {
      if (!(changeTypes as readonly string[]).includes(type)) throw new DomainError('BAD_USER_INPUT', 'Unknown event type', { clientMessage: `eventTypes must be among ${changeTypes.join(', ')}`, field: ['eventTypes', index] });
    });
    const secret = newSigningSecret();
    const id = `whk_${randomUUID()}`;
    const webhook = await this.executor.write(async (tx) => {
      const [row] = (await tx.run(CREATE_WEBHOOK, { id, url: checked.href, eventTypes: types, description, secret: this.codec.encode(secret), actor: actor.id })).records;
      await appendAudit(tx, actor, [{ operation: 'webhook.register', detail: { webhookId: id, eventTypes: types.join(',') } }]);
      return row!.get('webhook') as WebhookInfo;
    });
    return { webhook, secret };
  }

  list(): Promise<WebhookInfo[]> {
    return this.executor.readRows<{ webhook: WebhookInfo }>(ACTIVE_WEBHOOKS).then((rows) => rows.map((r) => r.webhook));
  }

  /** Stops deliveries to it (pending ones are cancelled) and forgets its secret; the log stays. Audited. */
  async delete(id: string, actor: Actor): Promise<WebhookInfo> {
    return this.executor.write(async (tx) => {
      const [row] = (await tx.run(DELETE_WEBHOOK, { id, actor: actor.id })).records;
      if (!row) throw new DomainError('NOT_FOUND', 'Unknown webhook', { clientMessage: 'No webhook has this id', field: ['id'] });
      await appendAudit(tx, actor, [{ operation: 'webhook.delete', detail: { webhookId: id, cancelledDeliveries: Number(row.get('cancelled')) } }]);
      return row.get('webhook') as WebhookInfo;
    });
  }

  /** A webhook's deliveries, newest event first; pass the last one's id as `after` for the next page. */
  async deliveries(webhookId: string, status: DeliveryStatus | null, first: number, after: string | null): Promise<DeliveryInfo[]> {
    if (first < 1 || first > MAX_PAGE) throw new DomainError('BAD_USER_INPUT', 'Bad page size', { clientMessage: `first must be 1 to ${MAX_PAGE}`, field: ['first'] });
    const rows = await this.executor.readRows<{ delivery: Omit<DeliveryInfo, 'log'> & { log: string[] } }>(DELIVERIES, { webhookId, status, first: int(first), after });
    return rows.map((r) => toDelivery(r.delivery));
  }

  /**
   * Marks a receiver as a marketing or third-party-sharing destination (null: internal):
   * from then on each delivery to it is sent only when the consent of the customers it
   * names allows that purpose at sending, and withheld otherwise. Audited.
   */
  async setConsentPurpose(id: string, purpose: string | null, actor: Actor): Promise<WebhookInfo> {
    if (purpose !== null && purpose !== 'MARKETING' && purpose !== 'THIRD_PARTY_SHARING') {
      throw new DomainError('BAD_USER_INPUT', 'Unsupported webhook purpose', { clientMessage: 'purpose must be MARKETING, THIRD_PARTY_SHARING or null', field: ['purpose'] });
    }
    return this.executor.write(async (tx) => {
      const [row] = (await tx.run(SET_WEBHOOK_CONSENT_PURPOSE, { id, purpose })).records;
      if (!row) throw new DomainError('NOT_FOUND', 'Unknown webhook', { clientMessage: 'No webhook has this id', field: ['webhookId'] });
      await appendAudit(tx, actor, [{ operation: 'webhook.purpose', detail: { webhookId: id, purpose } }]);
      return row.get('webhook') as WebhookInfo;
    });
  }

  /** Sends a delivery again, whatever became of it (delivered, dead), with a fresh retry window. */
  async replay(id: string, actor: Actor): Promise<DeliveryInfo> {
    return this.executor.write(async (tx) => {
      const row = (await tx.run(REPLAY_DELIVERY, { id })).records[0];
      if (!row) throw new DomainError('NOT_FOUND', 'Unknown delivery', { clientMessage: 'No delivery of an active webhook has this id', field: ['id'] });
      const delivery = row.get('delivery') as Omit<DeliveryInfo, 'log'> & { log: string[] };
      await appendAudit(tx, actor, [{ operation: 'webhook.replay', detail: { deliveryId: id, webhookId: delivery.webhookId } }]);
      return toDelivery(delivery);
    });
  }
}

const toDelivery = (d: Omit<DeliveryInfo, 'log'> & { log: string[] }): DeliveryInfo => ({
  ...d,
  attempts: Number(d.attempts),
  lastStatusCode: d.lastStatusCode === null ? null : Number(d.lastStatusCode),
  log: d.log.map((entry) => JSON.parse(entry) as DeliveryAttempt),
});
