import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSurvivorshipConfig } from '../src/golden/survivorship-config.ts';
import { runCli } from './support/cli.ts';
import { CRM, LEDGER, customerOfRecord, customerView, ingestRows, resetWithGoldenSources } from './support/golden-sources.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

// Bug: the CLI built its services without the survivorship rules SURVIVORSHIP_CONFIG_PATH
// names, so a golden record recomputed by an import followed the shipped rules instead.

describe('npm run cli -- import with SURVIVORSHIP_CONFIG_PATH', () => {
  let app: TestApp;
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp();
    dir = await mkdtemp(join(tmpdir(), 'identity-graph-cli-survivorship-'));
    await resetWithGoldenSources(app);
  });
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('computes golden records by the rules the file names, as the API does', async () => {
    // The shipped rule takes given names from the most trusted source (the ledger); this
    // file takes the most recent value whatever the source.
    const shipped = defaultSurvivorshipConfig();
    expect(shipped.attributes.givenName.strategies[0]).toBe('source-priority');
    const config = join(dir, 'survivorship.json');
    await writeFile(config, JSON.stringify({ ...shipped, attributes: { ...shipped.attributes, givenName: { strategies: ['most-recent'] } } }));

    await ingestRows(app, LEDGER.name, [{ id: 'l1', given: 'Kate', family: 'Oduya', email: 'kate.oduya@example.com', updated: '2024-01-01T00:00:00Z' }]);
    const id = (await customerOfRecord(app, LEDGER.name, 'l1'))!;
    expect((await customerView(app, id))!.profile!.givenName).toMatchObject({ value: 'Kate' });

    const csv = join(dir, 'crm.csv');
    await writeFile(csv, ['id,given,family,email,updated', 'c1,Katherine,Oduya,kate.oduya@example.com,2024-06-01T00:00:00Z'].join('\n'));
    const run = await runCli(['import', '--source', CRM.name, csv], { SURVIVORSHIP_CONFIG_PATH: config }).done;
    expect(run.code, run.stderr).toBe(0);
    expect(await customerOfRecord(app, CRM.name, 'c1')).toBe(id);

    const profile = (await customerView(app, id))!.profile!;
    expect(profile.givenName).toMatchObject({ value: 'Katherine', rule: 'MOST_RECENT', from: { source: CRM.name, sourceRecordId: 'c1' } });
    expect(profile.recordCount).toBe(2);
  });

  it('refuses to start with a survivorship file that is not valid, naming the setting', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...defaultSurvivorshipConfig(), attributes: { ...defaultSurvivorshipConfig().attributes, givenName: { strategies: ['loudest'] } } }));
    const csv = join(dir, 'none.csv');
    await writeFile(csv, 'id,given,family,email,updated\n');
    const run = await runCli(['import', '--source', CRM.name, csv], { SURVIVORSHIP_CONFIG_PATH: bad }).done;
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/attributes\.givenName\.strategies/);
  });
});
