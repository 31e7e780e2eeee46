import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model.ts';
import { trainingDataOf } from './train-data.ts';
import { memoryRecordStore } from './train-memory.ts';
import { profileWith as p } from './test-profile.ts';

const ann = p({ given: ['ann'], givenCanonical: ['ann'], family: ['lee'], emails: ['ann@x.com'], postcodes: ['LS1 1AA'], streets: ['1 high street'] });
const annToo = p({ given: ['ann'], givenCanonical: ['ann'], family: ['lee'], emails: ['ann@x.com'], postcodes: ['LS1 1AA'], streets: ['1 high street'] });
const bob = p({ given: ['bob'], givenCanonical: ['robert'], family: ['ray'], emails: ['info@shop.com'], phones: ['+441130000000'] });
const eve = p({ given: ['eve'], givenCanonical: ['eve'], family: ['ray'], emails: ['info@shop.com'], phones: ['+441130000000'], ids: ['loyalty_number:L1'] });
const zed = p({ given: ['zed'], givenCanonical: ['zed'], family: ['ray'], emails: ['info@shop.com'], ids: ['loyalty_number:L1'] });
const profiles = [ann, annToo, bob, eve, zed];

describe('memoryRecordStore', () => {
  const store = memoryRecordStore(profiles, 2);

  it('counts distinct pairs sharing an identifier of the given types, not through a hub', async () => {
    // info@shop.com is held by 3 records, over the hub degree of 2: no pairs through it.
    expect(await store.pairsSharing(['email'])).toBe(1);
    expect(await store.pairsSharing(['email', 'loyalty_number'])).toBe(2);
    expect(await store.pairsSharing(['national_id'])).toBe(0);
  });

  it('gives each distinct pair a rule finds once, however many keys of the rule it shares', async () => {
    const pairs = [];
    for await (const batch of store.blockedPairs('given+family', 100, 1)) pairs.push(...batch);
    expect(pairs).toEqual([[ann, annToo]]);
    const street = [];
    for await (const batch of store.blockedPairs('street+postcode', 100, 1)) street.push(...batch);
    expect(street).toHaveLength(1);
    const phones = [];
    for await (const batch of store.blockedPairs('identifier:phone', 100, 1)) phones.push(...batch);
    expect(phones).toEqual([[bob, eve]]);
    await expect(async () => {
      for await (const _ of store.blockedPairs('shoe-size', 1, 1)) void _;
    }).rejects.toThrow(/unknown blocking rule/);
  });

  it('samples distinct records, the same for the same seed', async () => {
    const sample = await store.sample(3, 7);
    expect(new Set(sample).size).toBe(3);
    expect(await store.sample(3, 7)).toEqual(sample);
    expect(await store.sample(10, 7)).toHaveLength(5);
  });

  it('lists every candidate pair resolution would consider', () => {
    expect(store.candidatePairs().sort(([a, b], [c, d]) => a - c || b - d)).toEqual([[0, 1], [2, 3], [3, 4]]);
  });
});

describe('trainingDataOf', () => {
  it('pairs every sampled record with every other for u, and reduces pairs to level patterns', async () => {
    const data = trainingDataOf(memoryRecordStore(profiles, 2), defaultModel().comparisons.map((c) => c.name));
    const random = await data.randomPairs(6, 1);
    expect([random.records, random.pairs]).toEqual([4, 6]);
    expect(random.patterns.reduce((sum, p) => sum + p.count, 0)).toBe(6);
    const all = await data.randomPairs(1_000_000, 1);
    expect([all.records, all.pairs]).toEqual([5, 10]);
    const blocked = await data.blockedPairs('given+family', 100, 1);
    expect(blocked).toEqual({ pairs: 1, patterns: [{ levels: [0, 0, null, 0, null, 0, 0, null, null], count: 1 }] });
  });
});
