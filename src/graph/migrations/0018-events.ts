import type { Migration } from './migration.ts';

/**
 * Change events out (src/events/). Outbox events are appended in the transaction of the
 * change, labelled OutboxUnsequenced until the sequencer gives them their place (`seq`,
 * unique: two sequencers never hand out one position); readers follow `seq` from a
 * cursor. Webhook deliveries are one per registration and event (`key` unique); the
 * worker claims due ones through (status, nextAttemptAt), the log lists them per webhook
 * in event order.
 */
export const events: Migration = {
  version: 18,
  name: 'events',
  statements: [
    'CREATE CONSTRAINT outbox_event_id_unique IF NOT EXISTS FOR (e:OutboxEvent) REQUIRE e.id IS UNIQUE',
    'CREATE CONSTRAINT outbox_event_seq_unique IF NOT EXISTS FOR (e:OutboxEvent) REQUIRE e.seq IS UNIQUE',
    'CREATE CONSTRAINT outbox_sequence_id_unique IF NOT EXISTS FOR (s:OutboxSequence) REQUIRE s.id IS UNIQUE',
    'CREATE CONSTRAINT webhook_id_unique IF NOT EXISTS FOR (w:Webhook) REQUIRE w.id IS UNIQUE',
    'CREATE INDEX webhook_active IF NOT EXISTS FOR (w:Webhook) ON (w.active)',
    'CREATE CONSTRAINT webhook_delivery_id_unique IF NOT EXISTS FOR (d:WebhookDelivery) REQUIRE d.id IS UNIQUE',
    'CREATE CONSTRAINT webhook_delivery_key_unique IF NOT EXISTS FOR (d:WebhookDelivery) REQUIRE d.key IS UNIQUE',
    'CREATE INDEX webhook_delivery_due IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.status, d.nextAttemptAt)',
    'CREATE INDEX webhook_delivery_log IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.webhookId, d.eventSeq)',
  ],
};
