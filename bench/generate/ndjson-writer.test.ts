import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDataset } from './dataset.ts';
import { writeDataset, type TruthLine } from './ndjson-writer.ts';

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');

describe('writeDataset', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-generate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const summary = writeDataset(dir, { people: 400, seed: 5 });
  const truth = lines(join(dir, 'truth.ndjson')).map((line) => JSON.parse(line) as TruthLine);

  it('writes one truth line per payload line, pointing at it', () => {
    const payloadFiles = readdirSync(dir).filter((f) => f !== 'truth.ndjson');
    let payloadLines = 0;
    for (const file of payloadFiles) {
      const source = file.replace(/\.ndjson$/, '');
      const count = lines(join(dir, file)).length;
      payloadLines += count;
      const pointers = truth.filter((t) => t.source === source).map((t) => t.line);
      expect(pointers).toEqual(Array.from({ length: count }, (_, i) => i));
    }
    expect(truth.length).toBe(payloadLines);
    expect(summary.payloads).toBe(payloadLines);
  });

  it('keeps the truth out of the payload files and writes what the generator yields', () => {
    const records = [...generateDataset({ people: 400, seed: 5 })];
    const crm = records.filter((r) => r.source === 'crm');
    expect(lines(join(dir, 'crm.ndjson'))).toEqual(crm.map((r) => JSON.stringify(r.payload)));
    expect(truth.map((t) => t.personId)).toEqual(records.map((r) => r.truth.personId));
    expect(readFileSync(join(dir, 'crm.ndjson'), 'utf8')).not.toMatch(/personId|"p\d+"/);
  });
});
