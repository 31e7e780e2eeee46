import type { Migration } from './migration.ts';

/**
 * Retention of change events (src/events/retention.ts): the sweep seeks outbox events by
 * age, ended webhook deliveries by status and creation, and checks that no delivery still
 * names an event before deleting it.
 */
export const retention: Migration = {
  version: 21,
  name: 'retention',
  statements: [
    'CREATE INDEX outbox_event_at IF NOT EXISTS FOR (e:OutboxEvent) ON (e.at)',
    'CREATE INDEX webhook_delivery_status_created IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.status, d.createdAt)',
    'CREATE INDEX webhook_delivery_event IF NOT EXISTS FOR (d:WebhookDelivery) ON (d.eventId)',
  ],
};
