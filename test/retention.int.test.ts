import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendOutbox } from '../src/events/outbox.ts';
import { sweepEvents } from '../src/events/retention.ts';
import { sweepJobs } from '../src/jobs/job-retention.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/** Runs Cypher straight on the database: ages what the API wrote, and reads what is left. */
async function cypher<R = Record<string, unknown>>(app: TestApp, query: string, params: Record<string, unknown> = {}): Promise<R[]> {
  const session = app.driver.session({ database: 'neo4j' });
  try {
    return (await session.run(query, params)).records.map((r) => r.toObject() as R);
  } finally {
    await session.close();
  }
}

const ids = async (app: TestApp, query: string) => (await cypher<{ id: string }>(app, query)).map((r) => r.id).sort();

describe('retention of change events and finished jobs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ serviceOptions: { events: { retentionDays: 30 }, jobRetentionDays: 30 } });
  });
  afterAll(async () => app.stop());

  it('deletes ended deliveries and passed events older than the retention, keeping recent, pending and unsequenced ones', async () => {
    // Real events and deliveries: a webhook (not worked, so its deliveries stay PENDING), six events appended as changes append them, sequenced.
    const hook = await app.graphql<{ registerWebhook: { webhook: { id: string } } }>('mutation { registerWebhook(url: "http://127.0.0.1:9/hook", eventTypes: [CUSTOMER_CREATED]) { webhook { id } } }');
    expect(hook.body.errors).toBeUndefined();
    await app.executor.write((tx) => appendOutbox(tx, Array.from({ length: 6 }, (_, i) => ({ type: 'CUSTOMER_CREATED' as const, customerId: `cus_retention_${i}` }))));
    await app.services.events.outbox.sequence();
    const created = (await cypher<{ id: string }>(app, "MATCH (e:OutboxEvent {type: 'CUSTOMER_CREATED'}) RETURN e.id AS id ORDER BY e.seq")).map((r) => r.id);
    expect(created.length).toBe(6);
    const [deliveredOld, deadOld, cancelledOld, pendingOld, replayedDead, recentDelivered] = created as [string, string, string, string, string, string];

    // Age them: 40 days is past the 30-day retention, 5 days is not.
    const age = (eventId: string, status: string, days: number, lastAttemptDays = days) =>
      cypher(
        app,
        `MATCH (e:OutboxEvent {id: $eventId}) MATCH (d:WebhookDelivery {eventId: $eventId})
         SET e.at = datetime() - duration({days: $days}), d.createdAt = datetime() - duration({days: $days}), d.status = $status,
             d.lastAttemptAt = datetime() - duration({days: $lastAttemptDays}),
             d.deliveredAt = CASE WHEN $status = 'DELIVERED' THEN datetime() - duration({days: $lastAttemptDays}) END`,
        { eventId, status, days, lastAttemptDays },
      );
    await age(deliveredOld, 'DELIVERED', 40);
    await age(deadOld, 'DEAD', 40);
    await age(cancelledOld, 'CANCELLED', 40);
    await age(pendingOld, 'PENDING', 40);
    // Created long ago, replayed and given up on recently: it ended 2 days ago.
    await age(replayedDead, 'DEAD', 40, 2);
    await age(recentDelivered, 'DELIVERED', 5);
    // An old event no webhook asked for, one not yet sequenced, and a recent one: none has a delivery.
    await cypher(
      app,
      `CREATE (:OutboxEvent {id: 'old-undelivered', seq: 100001, at: datetime() - duration({days: 40}), type: 'CUSTOMER_UPDATED', customerId: 'cus_x', relatedIds: [], changedAttributes: []})
       CREATE (:OutboxEvent:OutboxUnsequenced {id: 'old-unsequenced', at: datetime() - duration({days: 40}), type: 'CUSTOMER_UPDATED', customerId: 'cus_x', relatedIds: [], changedAttributes: []})
       CREATE (:OutboxEvent {id: 'recent-undelivered', seq: 100002, at: datetime() - duration({days: 5}), type: 'CUSTOMER_UPDATED', customerId: 'cus_x', relatedIds: [], changedAttributes: []})`,
    );
    const eventsBefore = (await ids(app, 'MATCH (e:OutboxEvent) RETURN e.id AS id')).length;

    // Batches of 1, two sweeps at once, as two API processes would: neither fails (a node both picked counts in both reports).
    const [one, two] = await Promise.all([sweepEvents(app.executor, 30, new Date(), 1), sweepEvents(app.executor, 30, new Date(), 1)]);
    expect(one.deliveries + two.deliveries).toBeGreaterThanOrEqual(3);
    expect(one.events + two.events).toBeGreaterThanOrEqual(4);

    const deliveriesLeft = await cypher<{ eventId: string; status: string }>(app, 'MATCH (d:WebhookDelivery) RETURN d.eventId AS eventId, d.status AS status');
    expect(deliveriesLeft.map((d) => d.eventId).sort()).toEqual([pendingOld, replayedDead, recentDelivered].sort());
    const eventsLeft = await ids(app, 'MATCH (e:OutboxEvent) RETURN e.id AS id');
    for (const gone of [deliveredOld, deadOld, cancelledOld, 'old-undelivered']) expect(eventsLeft).not.toContain(gone);
    for (const kept of [pendingOld, replayedDead, recentDelivered, 'old-unsequenced', 'recent-undelivered']) expect(eventsLeft).toContain(kept);
    expect(eventsLeft.length).toBe(eventsBefore - 4);
    // The sequence's head stays, so feeds and new events carry on from it.
    expect(await app.services.events.outbox.head()).toBeGreaterThanOrEqual(6);

    // Once the pending delivery ends long enough ago, it and its event go too; the audit trail is left alone.
    const auditBefore = await cypher<{ n: unknown }>(app, 'MATCH (a:AuditEntry) RETURN count(a) AS n');
    await cypher(app, "MATCH (d:WebhookDelivery {eventId: $id}) SET d.status = 'DELIVERED', d.deliveredAt = datetime() - duration({days: 31})", { id: pendingOld });
    expect(await app.services.events.sweepRetention()).toEqual({ deliveries: 1, events: 1 });
    expect(await app.services.events.sweepRetention()).toEqual({ deliveries: 0, events: 0 });
    expect(await cypher<{ n: unknown }>(app, 'MATCH (a:AuditEntry) RETURN count(a) AS n')).toEqual(auditBefore);
  });

  it('deletes finished jobs older than the retention with their pages, keeping recent and active ones', async () => {
    const job = (id: string, status: string, days: number, pages: number) =>
      cypher(
        app,
        `CREATE (j:Job {id: $id, kind: 'RESOLVE_ALL', status: $status, processed: 0, options: '{}', actor: 'test', actorRole: 'admin', resumes: 0,
                        cancelRequested: false, createdAt: datetime() - duration({days: $days}),
                        finishedAt: CASE WHEN $status IN ['QUEUED', 'RUNNING'] THEN null ELSE datetime() - duration({days: $days}) END})
         WITH j UNWIND range(1, $pages) AS n
         CREATE (j)-[:HAS_PAGE]->(:JobPage {key: $id + ':' + n, job: $id, index: n, records: 10})`,
        { id, status, days, pages },
      );
    await job('job_old_succeeded', 'SUCCEEDED', 40, 5);
    await job('job_old_failed', 'FAILED', 40, 3);
    await job('job_old_cancelled', 'CANCELLED', 40, 1);
    await job('job_old_refused', 'REFUSED', 40, 1);
    await job('job_old_running', 'RUNNING', 40, 2);
    await job('job_old_queued', 'QUEUED', 40, 1);
    await job('job_recent_succeeded', 'SUCCEEDED', 5, 2);

    const report = await sweepJobs(app.executor, 30, new Date(), 2);
    expect(report).toEqual({ pages: 10, jobs: 4 });
    expect(await ids(app, 'MATCH (j:Job) RETURN j.id AS id')).toEqual(['job_old_queued', 'job_old_running', 'job_recent_succeeded']);
    const pages = await cypher<{ job: string; n: unknown }>(app, 'MATCH (p:JobPage) RETURN p.job AS job, count(p) AS n ORDER BY job');
    expect(pages.map((p) => [p.job, Number(p.n)])).toEqual([['job_old_queued', 1], ['job_old_running', 2], ['job_recent_succeeded', 2]]);
    // Through the API: the deleted job is gone, the recent one answers.
    const read = await app.graphql<{ old: unknown; recent: { id: string } | null }>('{ old: job(id: "job_old_succeeded") { id } recent: job(id: "job_recent_succeeded") { id } }');
    expect(read.body.data).toEqual({ old: null, recent: { id: 'job_recent_succeeded' } });
    expect(await app.services.jobs.sweepRetention()).toEqual({ pages: 0, jobs: 0 });
  });
});
