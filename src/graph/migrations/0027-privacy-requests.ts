import type { Migration } from './migration.ts';

/**
 * Data subject requests (src/privacy/requests/): requests by id, listed by status and due
 * date (the overdue list is a range over open requests' due dates); the tombstone keys an
 * erasure leaves (keyed hashes only), found by key at every ingest; records held back
 * because they matched one, listed by status for the privacy officer.
 */
export const privacyRequests: Migration = {
  version: 27,
  name: 'privacy-requests',
  statements: [
    'CREATE CONSTRAINT privacy_request_id IF NOT EXISTS FOR (r:PrivacyRequest) REQUIRE r.id IS UNIQUE',
    'CREATE INDEX privacy_request_status_due IF NOT EXISTS FOR (r:PrivacyRequest) ON (r.status, r.dueAt)',
    'CREATE INDEX privacy_request_received IF NOT EXISTS FOR (r:PrivacyRequest) ON (r.receivedAt)',
    'CREATE INDEX privacy_request_customer IF NOT EXISTS FOR (r:PrivacyRequest) ON (r.customerId)',
    'CREATE CONSTRAINT tombstone_key IF NOT EXISTS FOR (t:TombstoneKey) REQUIRE t.key IS UNIQUE',
    'CREATE CONSTRAINT held_back_record_id IF NOT EXISTS FOR (h:HeldBackRecord) REQUIRE h.id IS UNIQUE',
    // The access export finds a person's change events and caller verifications by customer id.
    'CREATE INDEX outbox_event_customer IF NOT EXISTS FOR (e:OutboxEvent) ON (e.customerId)',
    'CREATE INDEX caller_verification_customer IF NOT EXISTS FOR (v:CallerVerification) ON (v.customerId)',
    'CREATE INDEX held_back_record_status IF NOT EXISTS FOR (h:HeldBackRecord) ON (h.status, h.at)',
  ],
};
