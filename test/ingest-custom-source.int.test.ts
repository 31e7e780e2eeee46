import { readFile, stat, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointPath } from '../src/cli/checkpoint.ts';
import { runCli } from './support/cli.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const EXAMPLES = join(import.meta.dirname, '..', 'src', 'ingest', 'mapping', 'examples');
const REGISTER = `mutation Register($input: RegisterSourceInput!) {
  registerSource(input: $input) { name adapter priority defaultCountry mapping recordCount }
}`;

describe('user-defined sources, the CLI and replay', () => {
  let app: TestApp;
  let dir: string;
  let spec: Record<string, unknown>;

  beforeAll(async () => {
    app = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'identity-graph-cli-'));
    spec = JSON.parse(await readFile(join(EXAMPLES, 'acme-crm-export.json'), 'utf8'));
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('registers a source from a mapping through GraphQL', async () => {
    const res = await app.graphql<{ registerSource: { name: string; adapter: string; priority: number; defaultCountry: string } }>(REGISTER, {
      input: { name: 'acme-crm-export', mapping: spec },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.registerSource).toMatchObject({ name: 'acme-crm-export', adapter: 'mapping', priority: 55, defaultCountry: 'GB' });
  });

  it('refuses a broken mapping with the path of the problem', async () => {
    const broken = { ...spec, name: 'broken', fields: [{ to: 'name.nickname', from: 'First Name' }] };
    const res = await app.graphql(REGISTER, { input: { name: 'broken', mapping: broken } });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['input', 'mapping', 'fields', 0, 'to'] });
    const list = await app.graphql<{ sources: Array<{ name: string }> }>('{ sources { name } }');
    expect(list.body.data?.sources.map((s) => s.name)).not.toContain('broken');
  });

  it('imports a CSV file into the user-defined source with the CLI', async () => {
    const csv = join(dir, 'acme.csv');
    await writeFile(csv, await readFile(join(EXAMPLES, 'acme-crm-export.csv')));
    const run = await runCli(['import', '--source', 'acme-crm-export', csv]).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Imported 5 records into acme-crm-export in [\d.]+ s \(\d+ records\/s\): 5 stored, 0 unchanged, 0 rejected\./);
    expect(run.stderr).toContain('importing |');
    const record = await app.graphql<{ sourceRecord: { emails: string[]; phones: string[]; dateOfBirth: string; identifiers: Array<{ type: string; value: string }> } }>(
      '{ sourceRecord(source: "acme-crm-export", sourceRecordId: "C-1001") { emails phones dateOfBirth identifiers { type value } } }',
    );
    expect(record.body.data?.sourceRecord).toMatchObject({
      emails: ['jane.example@example.com'],
      phones: ['+44 20 7946 0001', '+44 20 7946 0002'],
      dateOfBirth: '1988-02-29',
    });
    expect(record.body.data?.sourceRecord.identifiers).toContainEqual({ type: 'customer_number', value: 'C1001' });
    const again = await runCli(['import', '--source', 'acme-crm-export', csv]).done;
    expect(again.stdout).toContain('0 stored, 5 unchanged, 0 rejected');
  });

  it('keeps rows a wrong mapping rejects, and replays them once the mapping is fixed', async () => {
    // Without onInvalid: reject the rows would be stored without their dates (test/data-quality.int.test.ts).
    const wrong = {
      ...spec,
      name: 'us-format-export',
      fields: (spec['fields'] as Array<Record<string, unknown>>).map((f) =>
        f['to'] === 'dateOfBirth' ? { ...f, transform: { type: 'date', format: 'MM/DD/YYYY' }, onInvalid: 'reject' } : f,
      ),
    };
    await app.graphql(REGISTER, { input: { name: 'us-format-export', mapping: wrong } });
    const csv = join(dir, 'us.csv');
    await writeFile(csv, await readFile(join(EXAMPLES, 'acme-crm-export.csv')));
    const run = await runCli(['import', '--source', 'us-format-export', csv]).done;
    const rejected = Number(/(\d+) rejected\./.exec(run.stdout)?.[1]);
    expect(rejected).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/record \d+: INVALID_PAYLOAD at payload\.DOB: DOB is not a date in format MM\/DD\/YYYY/);

    const fixed = await app.graphql(REGISTER, { input: { name: 'us-format-export', mapping: { ...spec, name: 'us-format-export' } } });
    expect(fixed.body.errors).toBeUndefined();
    const replay = await app.graphql<{ replayRejected: { received: number; stored: number; rejected: unknown[] } }>(
      'mutation { replayRejected(source: "us-format-export") { received stored rejected { position } } }',
    );
    expect(replay.body.data?.replayRejected).toEqual({ received: rejected, stored: rejected, rejected: [] });
    const after = await app.graphql<{ sources: Array<{ name: string; recordCount: number; openRejectionCount: number }> }>('{ sources { name recordCount openRejectionCount } }');
    expect(after.body.data?.sources.find((s) => s.name === 'us-format-export')).toEqual({ name: 'us-format-export', recordCount: 5, openRejectionCount: 0 });
    const replayed = await app.graphql<{ rejectedRecords: Array<{ status: string; payload: string | null }> }>(
      '{ rejectedRecords(source: "us-format-export") { status payload } }',
    );
    expect(replayed.body.data?.rejectedRecords).toEqual(Array.from({ length: rejected }, () => ({ status: 'REPLAYED', payload: null })));
  });

  it('resumes an interrupted import where it stopped, without duplicates', async () => {
    const file = join(dir, 'contacts.ndjson');
    const total = 3000;
    const lines = Array.from({ length: total }, (_, n) =>
      JSON.stringify({ Id: `003RESUME${String(n).padStart(9, '0')}`, LastName: `Family${n}`, Email: `resume${n}@example.com`, LastModifiedDate: '2024-03-01T10:00:00.000+0000' }),
    );
    await writeFile(file, `${lines.join('\n')}\n`);
    const first = runCli(['import', '--source', 'crm', '--chunk', '100', file]);
    let committed = 0;
    for (let i = 0; i < 600 && committed < 500; i += 1) {
      await sleep(100);
      committed = await readFile(checkpointPath(file), 'utf8').then((t) => JSON.parse(t).nextPosition as number, () => 0);
    }
    first.child.kill('SIGKILL');
    await first.done;
    expect(committed).toBeGreaterThanOrEqual(500);
    const resumedAt = JSON.parse(await readFile(checkpointPath(file), 'utf8')).nextPosition as number;
    expect(resumedAt).toBeLessThan(total);

    const second = await runCli(['import', '--source', 'crm', '--chunk', '100', file]).done;
    expect(second.code).toBe(0);
    expect(second.stderr).toContain(`skipping the ${resumedAt} records already committed`);
    expect(second.stdout).toContain(`Imported ${total - resumedAt} records into crm`);
    await expect(stat(checkpointPath(file))).rejects.toThrow();
    const n = await app.executor.readRows<{ n: number }>("MATCH (r:SourceRecord) WHERE r.key STARTS WITH 'crm|003RESUME' RETURN count(r) AS n");
    expect(n[0]?.n).toBe(total);
    const rejected = await app.executor.readRows<{ n: number }>("MATCH (j:RejectedRecord {source: 'crm'}) RETURN count(j) AS n");
    expect(rejected[0]?.n).toBe(0);
  }, 120_000);
});
