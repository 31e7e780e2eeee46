import type { Migration } from './migration.ts';

/**
 * Interactions by type and time: a segment that asks for interactions of a type within a
 * window starts from them (an index range seek) instead of visiting every customer.
 */
export const interactionTypeTime: Migration = {
  version: 23,
  name: 'interaction-type-time',
  statements: ['CREATE INDEX interaction_type_occurred_at IF NOT EXISTS FOR (i:Interaction) ON (i.type, i.occurredAt)'],
};
