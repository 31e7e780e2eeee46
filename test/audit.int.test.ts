import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { appendAudit, AuditService, SEAL_BATCH } from '../src/audit/audit.service.ts';
import { systemActor, type Actor, type AuditEntry } from '../src/audit/audit.ts';
import { DomainError } from '../src/errors/domain-error.ts';
import { GraphExecutor } from '../src/graph/executor.ts';
import { migrate } from '../src/graph/migrations/migrate.ts';
import { runCli } from './support/cli.ts';
import { emptyDatabase, testDriver } from './support/test-app.ts';

const steward: Actor = { id: 'steward-1', role: 'steward', requestId: 'req-1' };
const reader: Actor = { id: 'analyst-7', role: 'analyst', requestId: 'req-2' };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('audit trail', () => {
  let driver: Driver;
  let executor: GraphExecutor;
  let audit: AuditService;

  beforeAll(async () => {
    driver = testDriver();
    executor = new GraphExecutor(driver, 'neo4j');
    await emptyDatabase(driver);
    await migrate(executor);
    audit = new AuditService(executor);
  });
  afterAll(async () => driver.close());

  const chain = () =>
    executor.readRows<{ id: string; seq: number; prevHash: string | null; hash: string }>(
      'MATCH (e:AuditEntry) WHERE e.seq IS NOT NULL RETURN e.id AS id, e.seq AS seq, e.prevHash AS prevHash, e.hash AS hash ORDER BY e.seq',
    );
  const entryAt = async (seq: number) =>
    (await executor.readRows<{ id: string }>('MATCH (e:AuditEntry {seq: $seq}) RETURN e.id AS id', { seq }))[0]!.id;

  it('appends inside the caller’s transaction and in its own, unsealed, with ids and field names only', async () => {
    await executor.write(async (tx) => {
      await tx.run("CREATE (:Customer {id: 'cus_1'})");
      await appendAudit(tx, steward, [
        { operation: 'merge', customerIds: ['cus_1', 'cus_old'], recordKeys: ['crm|1'], fields: ['email'], reason: 'x'.repeat(600), detail: { rule: 'email', count: 2 } },
      ]);
    });
    await audit.record(reader, [{ operation: 'read.profile', customerIds: ['cus_1'] }]);

    const [read, merge] = await audit.entries({});
    expect(read).toMatchObject({ operation: 'read.profile', actor: 'analyst-7', role: 'analyst', requestId: 'req-2', customerIds: ['cus_1'], recordKeys: [], fields: [], reason: null, detail: '{}', seq: null, hash: null, prevHash: null });
    expect(merge).toMatchObject({ operation: 'merge', actor: 'steward-1', requestId: 'req-1', customerIds: ['cus_1', 'cus_old'], recordKeys: ['crm|1'], fields: ['email'], detail: '{"count":2,"rule":"email"}' });
    expect(merge!.reason).toHaveLength(500);
    expect(Date.parse(merge!.at)).not.toBeNaN();
  });

  it('leaves no entry when the operation’s transaction rolls back', async () => {
    await expect(
      executor.write(async (tx) => {
        await appendAudit(tx, steward, [{ operation: 'pin', customerIds: ['cus_rollback'] }]);
        throw new DomainError('CONFLICT', 'operation failed after auditing');
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await audit.entries({ customerId: 'cus_rollback' })).toEqual([]);
  });

  it('seals in (at, id) order: seq 1..N, each linked to the hash before it', async () => {
    expect(await audit.seal()).toBe(2);
    const sealed = await chain();
    expect(sealed.map((e) => e.seq)).toEqual([1, 2]);
    expect(sealed[0]!.prevHash).toBeNull();
    expect(sealed[1]!.prevHash).toBe(sealed[0]!.hash);
    const [read] = await audit.entries({ operations: ['read.profile'] });
    expect(read).toMatchObject({ seq: 2, hash: sealed[1]!.hash });
    expect(await audit.seal()).toBe(0);
    expect(await audit.verify()).toEqual({ ok: true, entries: 2, head: sealed[1]!.hash });
  });

  it('two sealers at once make one gap-free chain, in batches', async () => {
    const writers = 4;
    const each = Math.ceil((SEAL_BATCH * 2.2) / writers);
    await Promise.all(
      Array.from({ length: writers }, (_, w) =>
        executor.write((tx) =>
          appendAudit(tx, systemActor, Array.from({ length: each }, (_, i) => ({ operation: 'ingest' as const, recordKeys: [`bulk|${w}-${i}`], detail: { batch: w } }))),
        ),
      ),
    );
    const [a, b] = await Promise.all([audit.seal(), audit.seal()]);
    expect(a + b).toBe(writers * each);
    const total = 2 + writers * each;
    const [shape] = await executor.readRows<{ n: number; lo: number; hi: number; distinct: number; unsealed: number }>(
      'MATCH (e:AuditEntry) RETURN count(e) AS n, min(e.seq) AS lo, max(e.seq) AS hi, count(DISTINCT e.seq) AS distinct, count { (u:AuditUnsealed) } AS unsealed',
    );
    expect(shape).toEqual({ n: total, lo: 1, hi: total, distinct: total, unsealed: 0 });
    expect(await audit.verify()).toMatchObject({ ok: true, entries: total });
  });

  it('filters entries by customer, record, operation, actor and time; newest first, capped', async () => {
    const before = new Date().toISOString();
    await pause(20);
    await audit.record(reader, [{ operation: 'read.profile', customerIds: ['cus_old'] }]);
    await audit.record(reader, [{ operation: 'read.profile', customerIds: ['cus_9'] }]);
    await audit.record(steward, [{ operation: 'pin', customerIds: ['cus_1'], fields: ['email'], reason: 'confirmed by phone' }]);
    await pause(20);
    const between = new Date().toISOString();
    await pause(20);
    await audit.record({ id: 'analyst-8', role: 'analyst', requestId: null }, [{ operation: 'read.profile', customerIds: ['cus_1'] }]);

    const ops = (list: AuditEntry[]) => list.map((e) => `${e.operation}:${e.customerIds.join('+')}`);
    expect(ops(await audit.entries({ customerId: 'cus_1' }))).toEqual(['read.profile:cus_1', 'pin:cus_1', 'read.profile:cus_1', 'merge:cus_1+cus_old']);
    expect(ops(await audit.entries({ customerId: 'cus_1', from: before, to: between }))).toEqual(['pin:cus_1']);
    expect(ops(await audit.entries({ recordKey: 'crm|1' }))).toEqual(['merge:cus_1+cus_old']);
    expect(ops(await audit.entries({ operations: ['pin', 'merge'] }))).toEqual(['pin:cus_1', 'merge:cus_1+cus_old']);
    expect(ops(await audit.entries({ actor: 'analyst-8' }))).toEqual(['read.profile:cus_1']);
    expect(await audit.entries({ operations: ['ingest'], first: 5 })).toHaveLength(5);
    expect(await audit.entries({ operations: ['ingest'], first: 50_000 })).toHaveLength(1000);
    await expect(audit.entries({ from: 'yesterday' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('access log: the profile reads naming a customer or an id merged into it, within the window', async () => {
    const log = await audit.accessLog(['cus_1', 'cus_old'], '2000-01-01T00:00:00Z', new Date(Date.now() + 60_000).toISOString());
    expect(log.map((e) => [e.actor, e.customerIds])).toEqual([
      ['analyst-8', ['cus_1']],
      ['analyst-7', ['cus_old']],
      ['analyst-7', ['cus_1']],
    ]);
    expect(await audit.accessLog(['cus_1'], '2000-01-01T00:00:00Z', '2000-12-31T00:00:00Z')).toEqual([]);
    expect(await audit.accessLog([], '2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z')).toEqual([]);
  });

  it('npm run cli -- verify-audit seals and reports the chain ok', async () => {
    const run = await runCli(['verify-audit']).done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [head] = await chain().then((c) => c.slice(-1));
    expect(run.stdout).toContain(`audit chain ok: ${head!.seq} entries, head ${head!.hash.slice(0, 12)}`);
  });

  it('npm run cli -- verify-audit --anchor checks the chain against a head recorded elsewhere', async () => {
    const [first] = await chain();
    const good = await runCli(['verify-audit', '--anchor', `1:${first!.hash}`]).done;
    expect(good.code).toBe(0);
    const other = 'f'.repeat(64);
    const bad = await runCli(['verify-audit', '--anchor', `1:${other}`]).done;
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`audit chain BROKEN at seq 1 (${first!.id}, anchor-mismatch)`);
  });

  it('detects an edited operation at that entry, and is content-based (undoing the edit heals it)', async () => {
    const id = await entryAt(2);
    await executor.writeRows("MATCH (e:AuditEntry {id: $id}) SET e.operation = 'merge'", { id });
    expect(await audit.verify()).toMatchObject({ ok: false, entries: 1, brokenAt: { seq: 2, id, reason: 'hash-mismatch' } });
    await executor.writeRows("MATCH (e:AuditEntry {id: $id}) SET e.operation = 'read.profile'", { id });
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('detects a changed customer id', async () => {
    const id = await entryAt(1);
    await executor.writeRows("MATCH (e:AuditEntry {id: $id}) SET e.customerIds = ['cus_1', 'cus_other']", { id });
    expect(await audit.verify()).toMatchObject({ ok: false, entries: 0, brokenAt: { seq: 1, id, reason: 'hash-mismatch' } });
    await executor.writeRows("MATCH (e:AuditEntry {id: $id}) SET e.customerIds = ['cus_1', 'cus_old']", { id });
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('detects a deleted entry as a gap at the next one, and through the CLI', async () => {
    const next = await entryAt(101);
    await executor.writeRows('MATCH (e:AuditEntry {seq: 100}) DELETE e');
    expect(await audit.verify()).toEqual({ ok: false, entries: 99, brokenAt: { seq: 101, id: next, reason: 'gap' } });
    const run = await runCli(['verify-audit']).done;
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`audit chain BROKEN at seq 101 (${next}, gap)`);
  });

  it('detects the newest entry deleted, against the head', async () => {
    await emptyDatabase(driver);
    await audit.record(steward, [{ operation: 'split', customerIds: ['cus_1'] }, { operation: 'unpin', customerIds: ['cus_1'] }]);
    expect(await audit.verify()).toMatchObject({ ok: true, entries: 2 });
    const last = await entryAt(2);
    await executor.writeRows('MATCH (e:AuditEntry {seq: 2}) DELETE e');
    expect(await audit.verify()).toEqual({ ok: false, entries: 1, brokenAt: { seq: 2, id: last, reason: 'gap' } });
  });

  it('the background sealer seals on its timer and once more when stopped', async () => {
    await emptyDatabase(driver);
    const stop = audit.startSealer(50);
    await audit.record(steward, [{ operation: 'cannot-link', customerIds: ['cus_1', 'cus_2'] }]);
    await pause(400);
    expect((await chain()).map((e) => e.seq)).toEqual([1]);
    await audit.record(steward, [{ operation: 'rules.set' }]);
    await stop();
    expect((await chain()).map((e) => e.seq)).toEqual([1, 2]);
  });
});
