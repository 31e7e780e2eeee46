import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

const MODEL = join(import.meta.dirname, '..', 'models', 'default-model.json');

describe('npm run cli -- model', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'identity-graph-model-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('prints every level of the shipped model with its weight', async () => {
    const shipped = JSON.parse(await readFile(MODEL, 'utf8')) as { version: string; comparisons: Array<{ name: string; levels: Array<{ label: string }> }> };
    const run = await runCli(['model']).done;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`model ${shipped.version}`);
    for (const comparison of shipped.comparisons) {
      for (const level of comparison.levels) expect(run.stdout).toMatch(new RegExp(`^${comparison.name}\\s+${level.label}\\s+[\\d.e-]+\\s+[\\d.e-]+\\s+-?[\\d.]+`, 'm'));
    }
  });

  it('prints a model file given by path, and refuses a malformed one by its problem', async () => {
    const model = JSON.parse(await readFile(MODEL, 'utf8'));
    await writeFile(join(dir, 'mine.json'), JSON.stringify({ ...model, version: 'mine-1' }));
    expect((await runCli(['model', join(dir, 'mine.json')]).done).stdout).toContain('model mine-1');
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ ...model, thresholds: { link: 0.5, review: 0.9 } }));
    const bad = await runCli(['model', join(dir, 'bad.json')]).done;
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/thresholds/);
  });
});
