import type { Migration } from './migration.ts';

// Data-quality issues are listed by key, a source's as a prefix range of it (keys start
// with the record key), and counted the same way; their record reaches them by relationship.
export const dataQuality: Migration = {
  version: 11,
  name: 'data-quality',
  statements: ['CREATE CONSTRAINT data_quality_issue_key_unique IF NOT EXISTS FOR (q:DataQualityIssue) REQUIRE q.key IS UNIQUE'],
};
