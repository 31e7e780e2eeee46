import { describe, expect, it } from 'vitest';
import { formatRuns, type EvalRun } from '../../src/cli/eval.command.ts';
import { evaluate } from '../../src/match/evaluate.ts';
import type { LabelledRow } from '../generate/labelled.ts';
import { evidenceShare, predictionRulesAdmit, priorRulesAdmit, sharedEvidence } from './evidence.ts';
import { cleanRow } from './prepare.ts';
import { parseEvalTable } from './product-eval.ts';

const blank: LabelledRow = {
  record_id: 'x:1', true_entity: 'p1', source: 'x', given: '', family: '', full_name: '', email: '', phone: '',
  street: '', city: '', postcode: '', country: '', dob: '', loyalty: '', updated_at: '2024-01-01T00:00:00.000Z',
};
const record = (fields: Partial<LabelledRow>) => cleanRow({ ...blank, ...fields });

describe('cleanRow', () => {
  it('splits a full name when the source gave no parts, and normalizes as the product does', () => {
    const { row, emails, phones } = record({
      full_name: 'Dr. José Álvarez-García', email: ' Jane.Doe+News@GoogleMail.com ;bad', phone: '020 7946 0018', country: 'GB', postcode: 'sw1a1aa',
    });
    expect(row).toMatchObject({ first_name: 'jose', surname: 'alvarezgarcia', email: 'janedoe@gmail.com', phone: '+442079460018', postcode: 'SW1A 1AA' });
    expect(emails).toEqual(['janedoe@gmail.com']);
    expect(phones).toEqual(['+442079460018']);
  });

  it('leaves empty cells null, never an empty string', () => {
    expect(Object.values(record({}).row).slice(1)).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('evidence', () => {
  const a = record({ record_id: 'x:1', given: 'Ann', family: 'Lee', phone: '+447400123456;+442079460018' });
  const b = record({ record_id: 'x:2', given: 'Anne', family: 'Lee', phone: '+442079460018', dob: '1980-01-02' });
  const c = record({ record_id: 'x:3', given: 'Anna', family: 'Leigh', dob: '1980-01-02' });

  it('counts a phone shared through any of a record\'s phones, not only the first', () => {
    expect([...sharedEvidence(a, b)]).toEqual(['phone']);
    expect(priorRulesAdmit(a.row, b.row)).toBe(false); // Splink reads the first phone only
  });

  it('counts every pair of a person once, and the blocking ceiling by the first two letters of both names', () => {
    const share = evidenceShare(new Map([['p1', [a, b, c]]]));
    expect(share).toMatchObject({ truePairs: 3, any: 1, anyOrFullName: 1, priorRules: 0 });
    expect(predictionRulesAdmit(b.row, c.row)).toBe(true);
    expect(share.predictionRules).toBe(3);
  });
});

describe('parseEvalTable', () => {
  it('reads back what the eval command prints, whatever surrounds it', () => {
    const figures = evaluate(new Map([['r1', 'p1'], ['r2', 'p1'], ['r3', 'p2']]), new Map([['r1', 'c1'], ['r2', 'c1'], ['r3', 'c1']]));
    const runs: EvalRun[] = [
      { ingestion: 'bulk', model: 'default-3', seconds: 2, recordsPerSecond: 1.5, ...figures },
      { ingestion: 'one-at-a-time', model: 'trained-2026-12-01-0a55a0b4', seconds: 3, recordsPerSecond: 1, ...figures },
    ];
    const parsed = parseEvalTable(`some log line\n${formatRuns(runs)}\n`);
    expect(parsed.map((r) => [r.ingestion, r.model])).toEqual([['bulk', 'default-3'], ['one-at-a-time', 'trained-2026-12-01-0a55a0b4']]);
    expect(parsed[0]).toMatchObject({ precision: Number(figures.precision.toFixed(4)), recall: 1, overMergeRate: 1, recordsPerSecond: 2 });
  });
});
