import type { Migration } from './migration.ts';

// API keys are found by id on every machine request; the secret's hash is compared in
// the process, never looked up. Caller verifications are keyed by agent and customer.
export const access: Migration = {
  version: 7,
  name: 'access',
  statements: ['CREATE CONSTRAINT api_key_id_unique IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE'],
};
