import type { Migration } from './migration.ts';

// Consent decisions: append-only nodes keyed by id (a digest for a record's decisions, so a
// record sent again stores each once). Customers' effective consent (consentGranted, ...)
// is written by every golden refresh; customers refreshed before this migration get it at
// their next refresh and are, until then, without a decision (docs/consent.md).
export const consent: Migration = {
  version: 26,
  name: 'consent',
  statements: ['CREATE CONSTRAINT consent_decision_id IF NOT EXISTS FOR (d:ConsentDecision) REQUIRE d.id IS UNIQUE'],
};
