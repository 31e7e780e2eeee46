import { describe, expect, it } from 'vitest';
import { stableIds } from './stable-ids.ts';

const current = (pairs: Record<string, string>) => new Map(Object.entries(pairs));

describe('stableIds', () => {
  it('keeps the id of a customer whose records stay together', () => {
    expect(stableIds([['r1', 'r2'], ['r3']], current({ r1: 'c1', r2: 'c1', r3: 'c2' }), new Map())).toEqual({ ids: ['c1', 'c2'], mergedAway: new Map() });
  });

  it('gives a split-off part a new id and the larger part the old one', () => {
    expect(stableIds([['r1'], ['r2', 'r3']], current({ r1: 'c1', r2: 'c1', r3: 'c1' }), new Map())).toEqual({ ids: [null, 'c1'], mergedAway: new Map() });
  });

  it('merges two customers into the older id when their records join', () => {
    const ages = new Map([['c1', '2024-02-01'], ['c2', '2024-01-01']]);
    const result = stableIds([['r1', 'r2']], current({ r1: 'c1', r2: 'c2' }), ages);
    expect(result.ids).toEqual(['c2']);
    expect(result.mergedAway).toEqual(new Map([['c1', 0]]));
  });

  it('gives new records in a new cluster a new id', () => {
    expect(stableIds([['r9']], current({}), new Map())).toEqual({ ids: [null], mergedAway: new Map() });
  });

  it('does not depend on the order clusters are listed in', () => {
    const map = current({ a: 'c1', b: 'c1', c: 'c2', d: 'c2' });
    const one = stableIds([['a', 'c'], ['b', 'd']], map, new Map());
    const two = stableIds([['b', 'd'], ['a', 'c']], map, new Map());
    expect(new Set(one.ids)).toEqual(new Set(two.ids));
  });
});
