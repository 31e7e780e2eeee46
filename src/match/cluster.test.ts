import { describe, expect, it } from 'vitest';
import { BRIDGE_MIN_RECORDS, clusterGuards, clusterLinks, clusterPairs, type Link } from './cluster.ts';

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

describe('clusterLinks with over-merge guards', () => {
  const guards = clusterGuards(0.99, 200);
  const weak = 0.995;
  /** A person of n records held together by strong links among all of them. */
  const person = (name: string, n: number): { nodes: string[]; links: Link[] } => {
    const nodes = Array.from({ length: n }, (_, i) => `${name}${i}`);
    return { nodes, links: nodes.flatMap((x, i) => nodes.slice(i + 1).map((y) => link(x, y, 0.9999999))) };
  };

  it('derives a strong link from the link threshold: 10 bits above it', () => {
    expect(guards.strongLink).toBeCloseTo(0.99999, 6);
    expect(Math.log2(guards.strongLink / (1 - guards.strongLink)) - Math.log2(0.99 / 0.01)).toBeCloseTo(10, 9);
  });

  it('holds a link that would grow a cluster past the limit, naming the reason', () => {
    const links = [link('a', 'b', 1), link('b', 'c', 1), link('c', 'd', 1)];
    const { clusters, held } = clusterLinks({ nodes: [], links, threshold: 0.99, guards: { ...guards, maxRecords: 3 } });
    expect(clusters).toEqual([['a', 'b', 'c'], ['d']]);
    expect(held).toEqual([{ link: links[2], reason: 'cluster-size-limit' }]);
  });

  it('counts a customer as the records it stands for', () => {
    const links = [link('new', 'cus_a', 1)];
    const weights = new Map([['cus_a', 200]]);
    expect(clusterLinks({ nodes: [], links, threshold: 0.99, weights, guards }).held).toEqual([{ link: links[0], reason: 'cluster-size-limit' }]);
    expect(clusterLinks({ nodes: [], links, threshold: 0.99, weights: new Map([['cus_a', 199]]), guards }).clusters).toEqual([['cus_a', 'new']]);
  });

  it('keeps two established people apart on one weak bridge, and joins them on two links through different records or one strong link', () => {
    const [p, q] = [person('p', 6), person('q', 6)];
    const base = { nodes: [...p.nodes, ...q.nodes], threshold: 0.99, guards };
    const one = clusterLinks({ ...base, links: [...p.links, ...q.links, link('p0', 'q0', weak)] });
    expect(one.clusters).toEqual([p.nodes, q.nodes]);
    expect(one.held.map((h) => [h.link.a, h.link.b, h.reason])).toEqual([['p0', 'q0', 'weak-bridge']]);

    const two = clusterLinks({ ...base, links: [...p.links, ...q.links, link('p0', 'q0', weak), link('p1', 'q1', 0.991)] });
    expect(two.clusters).toEqual([[...p.nodes, ...q.nodes]]);
    expect(two.held).toEqual([]);

    const strong = clusterLinks({ ...base, links: [...p.links, ...q.links, link('p0', 'q0', 0.999995)] });
    expect(strong.clusters).toEqual([[...p.nodes, ...q.nodes]]);
  });

  it('does not count two links through one record as two', () => {
    // p0 looks like both q0 and q1: one record carries all the evidence.
    const [p, q] = [person('p', 6), person('q', 6)];
    const { clusters, held } = clusterLinks({ nodes: [], links: [...p.links, ...q.links, link('p0', 'q0', weak), link('p0', 'q1', weak)], threshold: 0.99, guards });
    expect(clusters).toEqual([p.nodes, q.nodes]);
    expect(held.map((h) => h.reason)).toEqual(['weak-bridge', 'weak-bridge']);
  });

  it('lets a record join a large cluster on a weak link only if it matches two of its records', () => {
    const p = person('p', BRIDGE_MIN_RECORDS + 1);
    expect(clusterLinks({ nodes: [], links: [...p.links, link('p0', 'x', weak)], threshold: 0.99, guards }).clusters).toEqual([p.nodes, ['x']]);
    expect(clusterLinks({ nodes: [], links: [...p.links, link('p0', 'x', weak), link('p3', 'x', weak)], threshold: 0.99, guards }).clusters).toEqual([[...p.nodes, 'x']]);
    // Small clusters join on any link.
    const small = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(clusterLinks({ nodes: [], links: small.slice(1).map((id, i) => link(small[i]!, id, weak)), threshold: 0.99, guards }).clusters).toEqual([small]);
  });

  it('never chains 300 pairwise-plausible records into one cluster', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `r${String(i).padStart(3, '0')}`);
    const links = ids.slice(1).map((id, i) => link(ids[i]!, id, weak));
    const { clusters, held } = clusterLinks({ nodes: ids, links, threshold: 0.99, guards });
    expect(Math.max(...clusters.map((c) => c.length))).toBeLessThanOrEqual(guards.bridgeMinRecords + 1);
    expect(held.every((h) => h.reason === 'weak-bridge')).toBe(true);
    expect(clusters.flat()).toHaveLength(300);
  });

  it('takes the ids of customers at ingest time from the records the link was scored between', () => {
    // x matches two records of customer cus_a (6 records): two links, through two of its records.
    const links: Link[] = [
      { a: 'x', b: 'cus_a', probability: weak, records: ['x', 'r1'] },
      { a: 'x', b: 'cus_a', probability: weak, records: ['x', 'r2'] },
    ];
    const weights = new Map([['cus_a', 6]]);
    expect(clusterLinks({ nodes: ['x'], links, threshold: 0.99, weights, guards }).clusters).toEqual([['cus_a', 'x']]);
    expect(clusterLinks({ nodes: ['x'], links: links.slice(0, 1), threshold: 0.99, weights, guards }).clusters).toEqual([['cus_a'], ['x']]);
  });

  it('never holds an exempt link', () => {
    const links = [link('r', 'cus_a', 1)];
    const result = clusterLinks({ nodes: ['r'], links, threshold: 0.99, weights: new Map([['cus_a', 300]]), guards, exempt: new Set(links) });
    expect(result).toEqual({ clusters: [['cus_a', 'r']], held: [] });
  });
});

describe('clusterLinks with steward must-links', () => {
  const guards = clusterGuards(0.99, 3);

  it('keeps a must-link group together with no link between them, past the size limit and the weak-bridge rule', () => {
    const result = clusterLinks({ nodes: ['a', 'b', 'c', 'd', 'e'], links: [], threshold: 0.99, mustLink: [['a', 'b', 'c', 'd']], guards });
    expect(result.clusters).toEqual([['a', 'b', 'c', 'd'], ['e']]);
  });

  it('joins groups that share a record, and later links still respect the cannot-links of every member', () => {
    const links = [link('d', 'x', 0.9999)];
    const result = clusterLinks({ nodes: ['x'], links, threshold: 0.99, mustLink: [['a', 'b'], ['b', 'd']], cannotLink: [['a', 'x']] });
    expect(result.clusters).toEqual([['a', 'b', 'd'], ['x']]);
  });
});
