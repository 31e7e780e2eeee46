import type { Migration } from './migration.ts';

/**
 * Long operations as jobs (src/jobs/). A job is looked up by id; its pages (what a resumed
 * job need not redo) by key, `<job id>:<page number>`, each page at most once. The lock
 * is one node per kind while a job of that kind is active: the unique constraint is what
 * makes two concurrent starts end in one job. Trained models are kept by version.
 */
export const jobs: Migration = {
  version: 13,
  name: 'jobs',
  statements: [
    'CREATE CONSTRAINT job_id_unique IF NOT EXISTS FOR (j:Job) REQUIRE j.id IS UNIQUE',
    'CREATE CONSTRAINT job_lock_kind_unique IF NOT EXISTS FOR (l:JobLock) REQUIRE l.kind IS UNIQUE',
    'CREATE CONSTRAINT job_page_key_unique IF NOT EXISTS FOR (p:JobPage) REQUIRE p.key IS UNIQUE',
    'CREATE CONSTRAINT trained_model_version_unique IF NOT EXISTS FOR (m:TrainedModel) REQUIRE m.version IS UNIQUE',
    'CREATE INDEX job_created_at IF NOT EXISTS FOR (j:Job) ON (j.createdAt)',
  ],
};
