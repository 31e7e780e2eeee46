import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import labelledMapping from '../bench/generate/labelled-mapping.json' with { type: 'json' };
import { labelledRows } from '../bench/generate/labelled.ts';
import { labelledProfiles } from '../bench/generate/profiles.ts';
import { ingestStream } from '../src/ingest/bulk-ingest.ts';
import { defaultModel } from '../src/match/default-model.ts';
import { defaultMatchRules } from '../src/match/match-rules.ts';
import { loadModel } from '../src/match/model.ts';
import { trainingDataOf } from '../src/match/train-data.ts';
import { memoryRecordStore } from '../src/match/train-memory.ts';
import { ruleIdentifierTypes } from '../src/match/train-prior.ts';
import { defaultRounds } from '../src/match/train-rounds.ts';
import type { TrainOutcome } from '../src/match/train.ts';
import { createServices, type Services } from '../src/services.ts';
import { runCli } from './support/cli.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

const DATASET = { people: 400, seed: 21 };

async function ingestLabelled(services: Services): Promise<void> {
  await services.sources.register({ name: labelledMapping.name, mapping: labelledMapping });
  async function* items() {
    let position = 0;
    for (const { true_entity: _truth, ...payload } of labelledRows(DATASET)) yield { position: position++, payload };
  }
  await ingestStream(services.ingest, await services.sources.resolve(labelledMapping.name), items(), { chunkSize: 500 });
}

describe('training on the records in the graph', () => {
  let app: TestApp;
  let services: Services;
  let dir: string;
  let outcome: TrainOutcome;

  beforeAll(async () => {
    app = await startTestApp();
    services = createServices(app.executor);
    dir = await mkdtemp(join(tmpdir(), 'identity-graph-train-'));
    await ingestLabelled(services);
    outcome = await services.train.attempt({ randomPairs: 100_000 });
  }, 300_000);
  afterAll(async () => {
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the same pairs from the graph as from the same profiles in memory', async () => {
    const store = memoryRecordStore(labelledProfiles(DATASET).map((g) => g.profile), services.resolution.current.hubDegree);
    const data = trainingDataOf(store, defaultModel().comparisons.map((c) => c.name));
    expect(outcome.report.records).toBe(await store.count());
    expect(outcome.report.prior.rulePairs).toBe(await data.pairsSharing(ruleIdentifierTypes(defaultMatchRules())));
    for (const round of outcome.report.rounds) expect(round.pairs, round.rule).toBe((await data.blockedPairs(round.rule, 200_000, 1)).pairs);
    expect(outcome.report.rounds.map((r) => r.rule)).toEqual(defaultRounds);
  });

  it('samples records for u without reading them all at once, and passes its checks', () => {
    const { report } = outcome;
    expect(report.sampledRecords).toBeLessThan(report.records);
    expect(report.randomPairs).toBe((report.sampledRecords * (report.sampledRecords - 1)) / 2);
    expect(report.randomPairs).toBeGreaterThanOrEqual(100_000);
    expect(outcome.status === 'rejected' ? outcome.failures : []).toEqual([]);
    if (outcome.status === 'accepted') expect(outcome.model.prior.matchProbability).toBeLessThan(0.01);
  });

  it('npm run cli -- train writes a model that passed every check, and says what it measured', async () => {
    const out = join(dir, 'trained.json');
    const run = await runCli(['train', '--out', out]).done;
    // stderr carries the TRAIN job's progress, a plain line a step (it is no terminal), and nothing else.
    expect(run.stderr.split('\n').filter((line) => line && !/^TRAIN [a-z+ :-]+: \d+\/(\d+|\?) steps \(/.test(line))).toEqual([]);
    expect(run.stderr).toMatch(/^TRAIN checked: 6\/6 steps/m);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/u from \d+ random pairs \(every pair of \d+ sampled records\)/);
    expect(run.stdout).toMatch(/Prior [\d.e-]+ = \(\d+ pairs the deterministic rules match \/ recall 0\.8\)/);
    expect(run.stdout).toMatch(/given\+family: \d+ pairs, given_name, family_name held fixed/);
    expect(run.stdout).toContain(`it passed every check and was written to ${out}`);
    expect(loadModel(JSON.parse(await readFile(out, 'utf8'))).version).toMatch(/^trained-/);
  }, 120_000);

  it('npm run cli -- train writes nothing and exits 1 when a check fails, naming it', async () => {
    // No record shares an identifier the rules link on any more: the prior cannot be estimated.
    await app.executor.writeRows("MATCH (i:Identifier) WHERE i.type IN ['email', 'loyalty_number'] DETACH DELETE i");
    const out = join(dir, 'refused.json');
    const run = await runCli(['train', '--out', out]).done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/The trained model failed \d+ check\(s\) and was not written:/);
    expect(run.stderr).toMatch(/- prior-in-bounds: no two records share an identifier the deterministic rules link on/);
    await expect(readFile(out, 'utf8')).rejects.toThrow(/ENOENT/);
  }, 120_000);
});
