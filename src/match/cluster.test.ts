import { describe, expect, it } from 'vitest';
import { clusterPairs, type Link } from './cluster.ts';

const link = (a: string, b: string, probability: number): Link => ({ a, b, probability });

describe('clusterPairs', () => {
  it('joins records linked at or above the threshold and leaves the rest alone', () => {
    const links = [link('r1', 'r2', 0.999), link('r2', 'r3', 0.99), link('r4', 'r5', 0.9)];
    expect(clusterPairs(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'], links, 0.99, [])).toEqual([
      ['r1', 'r2', 'r3'],
      ['r4'],
      ['r5'],
      ['r6'],
    ]);
  });

  it('never puts a cannot-link pair in one cluster, even through a chain', () => {
    // r1-r2 and r2-r3 are strong, but r1 and r3 must stay apart: the weaker r2-r3 is skipped.
    const links = [link('r1', 'r2', 0.999), link('r2', 'r3', 0.995), link('r3', 'r4', 0.998)];
    expect(clusterPairs(['r1', 'r2', 'r3', 'r4'], links, 0.99, [['r1', 'r3']])).toEqual([
      ['r1', 'r2'],
      ['r3', 'r4'],
    ]);
  });

  it('keeps the two sides of a split apart through any chain, while each side still clusters', () => {
    // m1, m2 were split away from r1, r2; a new record x matches both sides strongly.
    const links = [link('m1', 'm2', 0.999), link('r1', 'r2', 0.999), link('x', 'r1', 0.998), link('x', 'm1', 0.997)];
    const apart = [
      { node: 'm1', decision: 's1', side: 'a' as const },
      { node: 'm2', decision: 's1', side: 'a' as const },
      { node: 'r1', decision: 's1', side: 'b' as const },
      { node: 'r2', decision: 's1', side: 'b' as const },
    ];
    expect(clusterPairs(['m1', 'm2', 'r1', 'r2', 'x'], links, 0.99, [], apart)).toEqual([
      ['m1', 'm2'],
      ['r1', 'r2', 'x'],
    ]);
    // Without the split, everything is one person.
    expect(clusterPairs(['m1', 'm2', 'r1', 'r2', 'x'], links, 0.99, [])).toEqual([['m1', 'm2', 'r1', 'r2', 'x']]);
  });

  it('gives the stronger link the record when two clusters compete for it', () => {
    const links = [link('a', 'x', 0.995), link('b', 'x', 0.999)];
    expect(clusterPairs(['a', 'b', 'x'], links, 0.99, [['a', 'b']])).toEqual([['a'], ['b', 'x']]);
  });

  it('checks cannot-links of every member, whichever cluster is larger', () => {
    const links = [link('a1', 'a2', 0.999), link('a2', 'a3', 0.999), link('b1', 'b2', 0.999), link('a3', 'b1', 0.995)];
    expect(clusterPairs([], links, 0.99, [['b2', 'a1']])).toEqual([
      ['a1', 'a2', 'a3'],
      ['b1', 'b2'],
    ]);
  });

  it('gives the same clusters whatever the order of links', () => {
    const links = [link('a', 'b', 0.995), link('b', 'c', 0.995), link('c', 'd', 0.995), link('a', 'd', 0.995)];
    const cannotLink: Array<[string, string]> = [['a', 'c']];
    const expected = clusterPairs([], links, 0.99, cannotLink);
    expect(clusterPairs([], links.toReversed(), 0.99, cannotLink)).toEqual(expected);
    expect(clusterPairs([], [links[2]!, links[0]!, links[3]!, links[1]!], 0.99, cannotLink)).toEqual(expected);
    expect(expected.flat().toSorted()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('adds ids that appear only in links or cannot-links, and ignores a record paired with itself', () => {
    expect(clusterPairs(['a'], [link('b', 'c', 1)], 0.99, [['d', 'd'], ['e', 'a']])).toEqual([['a'], ['b', 'c'], ['d'], ['e']]);
  });
});
