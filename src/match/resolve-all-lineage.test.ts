import { describe, expect, it } from 'vitest';
import { plannedMoves } from './resolve-all-lineage.ts';

describe('plannedMoves', () => {
  it('names a merged-away customer\'s records as a merge, with the links that bridged them', () => {
    const moves = plannedMoves(
      [['r1', 'r2', 'r3']],
      ['c1'],
      new Map([['r1', 'c1'], ['r2', 'c2'], ['r3', 'c2']]),
      new Map([['c2', 0]]),
      [
        { a: 'r2', b: 'r1', rule: 'same-email', probability: 1 },
        { a: 'r2', b: 'r3', rule: 'model', probability: 0.97 },
      ],
    );
    expect(moves).toEqual([
      { kind: 'merge', from: 'c2', to: 'c1', recordKeys: ['r2', 'r3'], evidence: JSON.stringify([{ a: 'r2', b: 'r1', rule: 'same-email', probability: 1 }]) },
    ]);
  });

  it('calls records taken from a customer that lives on, or left for a new customer, a split', () => {
    const moves = plannedMoves(
      [['r1'], ['r2', 'r3'], ['r4']],
      ['c1', 'c2', 'cNew'],
      new Map([['r1', 'c1'], ['r2', 'c2'], ['r3', 'c1'], ['r4', 'c1']]),
      new Map(),
      [],
    );
    expect(moves.map((m) => [m.kind, m.from, m.to, m.recordKeys])).toEqual([
      ['split', 'c1', 'c2', ['r3']],
      ['split', 'c1', 'cNew', ['r4']],
    ]);
  });

  it('plans nothing when every record stays where it is', () => {
    expect(plannedMoves([['r1', 'r2']], ['c1'], new Map([['r1', 'c1'], ['r2', 'c1']]), new Map(), [])).toEqual([]);
  });

  it('splits one old customer\'s records into a merge and a split when they go two ways', () => {
    const moves = plannedMoves(
      [['r1', 'r2'], ['r3', 'r4']],
      ['c1', 'c3'],
      new Map([['r1', 'c1'], ['r2', 'c2'], ['r3', 'c3'], ['r4', 'c2']]),
      new Map([['c2', 0]]),
      [],
    );
    expect(moves.map((m) => [m.kind, m.from, m.to, m.recordKeys])).toEqual([
      ['merge', 'c2', 'c1', ['r2']],
      ['split', 'c2', 'c3', ['r4']],
    ]);
  });
});
