import type { Migration } from './migration.ts';

// An agent's verification of a caller (failures, lock, unlock) is kept per agent and
// customer; every attempt and every masked read finds it by that pair.
export const verification: Migration = {
  version: 9,
  name: 'verification',
  statements: ['CREATE CONSTRAINT caller_verification_key IF NOT EXISTS FOR (v:CallerVerification) REQUIRE (v.agentId, v.customerId) IS UNIQUE'],
};
