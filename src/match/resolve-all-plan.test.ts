import { describe, expect, it } from 'vitest';
import { clusterGuards } from './cluster.ts';
import type { PairDecision } from './pair-decision.ts';
import { planResolveAll, type PlanInput } from './resolve-all-plan.ts';
import { previewOf } from './resolve-all-preview.ts';

const guards = clusterGuards(0.99, 200);
const decision = (a: string, b: string, probability: number, kind: 'link' | 'review' = 'link'): PairDecision => ({
  a,
  b,
  decision: kind,
  probability,
  props: { decision: kind, rule: 'model', probability },
});
const at = '2024-01-01T00:00:00Z';
const input = (fields: Partial<PlanInput>): PlanInput => ({ keys: [], decisions: [], cannotLink: [], apart: [], memberships: [], ...fields });
/** Six records of one person, each pair a sure link: more than a few (BRIDGE_MIN_RECORDS). */
const person = (p: string) => {
  const keys = [0, 1, 2, 3, 4, 5].map((i) => `${p}${i}`);
  return { keys, decisions: keys.flatMap((x, i) => keys.slice(i + 1).map((y) => decision(x, y, 0.9999999))) };
};

describe('planResolveAll', () => {
  it('clusters, keeps ids stable and gives every decision the status it will be stored with', () => {
    const plan = planResolveAll(
      input({
        keys: ['r1', 'r2', 'r3', 'r4'],
        decisions: [decision('r1', 'r2', 1), decision('r2', 'r3', 0.95, 'review'), decision('r1', 'r4', 0.9, 'review')],
        memberships: [
          { key: 'r1', customer: 'c1', createdAt: at },
          { key: 'r2', customer: 'c2', createdAt: '2024-02-01T00:00:00Z' },
          { key: 'r3', customer: 'c2', createdAt: '2024-02-01T00:00:00Z' },
        ],
      }),
      0.99,
      guards,
    );
    expect(plan.clusters).toEqual([['r1', 'r2'], ['r3'], ['r4']]);
    expect(plan.ids).toEqual(['c1', 'c2', null]);
    expect(plan.mergedAway).toEqual(new Map());
    expect(plan.decisions.map((d) => [d.a, d.b, d.props['status']])).toEqual([
      ['r1', 'r2', 'linked'],
      ['r2', 'r3', 'open'],
      ['r1', 'r4', 'open'],
    ]);
    expect(plan.links).toEqual([{ a: 'r1', b: 'r2', rule: 'model', probability: 1 }]);
  });

  it('turns a held link into an open review naming the guard, and counts it', () => {
    const [p, q] = [person('p'), person('q')];
    const plan = planResolveAll(input({ keys: [...p.keys, ...q.keys], decisions: [...p.decisions, ...q.decisions, decision('p0', 'q0', 0.995)] }), 0.99, guards);
    expect(plan.clusters).toEqual([p.keys, q.keys]);
    const bridge = plan.decisions.find((d) => d.a === 'p0' && d.b === 'q0')!;
    expect(bridge).toMatchObject({ decision: 'review', props: { decision: 'review', heldBack: 'weak-bridge', status: 'open' } });
    expect(plan.held).toEqual({ 'cluster-size-limit': 0, 'weak-bridge': 1 });
  });

  it('counts a pair scored from both of its pages once, so it cannot support itself', () => {
    const [p, q] = [person('p'), person('q')];
    const bridge = decision('p0', 'q0', 0.995);
    const plan = planResolveAll(input({ keys: [...p.keys, ...q.keys], decisions: [...p.decisions, ...q.decisions, bridge, { ...bridge }] }), 0.99, guards);
    expect(plan.clusters).toHaveLength(2);
    expect(plan.decisions.filter((d) => d.a === 'p0' && d.b === 'q0')).toHaveLength(1);
  });
});

describe('previewOf', () => {
  const bounds = { maxMergedAwayPercent: 5, maxCustomerRecords: 200 };

  it("puts each of today's customers in one of merged, split, grown and unchanged", () => {
    const plan = planResolveAll(
      input({
        keys: ['a1', 'a2', 'b1', 'c1', 'c2', 'd1', 'n1'],
        // a and b join (b merged into the older a); c splits; d stays; n is new and joins d.
        decisions: [decision('a1', 'b1', 1), decision('a1', 'a2', 1), decision('d1', 'n1', 1)],
        memberships: [
          { key: 'a1', customer: 'ca', createdAt: at },
          { key: 'a2', customer: 'ca', createdAt: at },
          { key: 'b1', customer: 'cb', createdAt: '2024-03-01T00:00:00Z' },
          { key: 'c1', customer: 'cc', createdAt: at },
          { key: 'c2', customer: 'cc', createdAt: at },
          { key: 'd1', customer: 'cd', createdAt: at },
        ],
      }),
      0.99,
      guards,
    );
    const preview = previewOf(plan, bounds);
    expect(preview).toMatchObject({ records: 7, customersBefore: 4, customersAfter: 4, merged: 1, split: 1, grown: 2, unchanged: 0, newCustomers: 1, links: 3 });
    expect(preview.largest[0]).toEqual({ customerId: 'ca', records: 3, fromCustomers: 2 });
    expect(preview.sizes).toEqual({ median: 1, p90: 3, p99: 3, largest: 3 });
    expect(preview.refusals).toEqual(['it would merge away 1 of 4 customers (25.0%; the bound is 5%)']);
  });

  it('refuses a customer above the bound, and nothing within the bounds', () => {
    const plan = planResolveAll(input({ keys: ['a', 'b', 'c'], decisions: [decision('a', 'b', 1), decision('b', 'c', 1)] }), 0.99, guards);
    expect(previewOf(plan, { maxMergedAwayPercent: 5, maxCustomerRecords: 2 }).refusals).toEqual(['it would make a customer of 3 records (the bound is 2)']);
    expect(previewOf(plan, bounds).refusals).toEqual([]);
    expect(previewOf(plan, bounds)).toMatchObject({ customersBefore: 0, merged: 0, unchanged: 0, newCustomers: 1 });
  });
});
