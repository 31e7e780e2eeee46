import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model.ts';
import { levelWeight, priorWeight, type Model } from './model.ts';
import { scorePair } from './score.ts';
import type { TermFrequencies } from './term-frequencies.ts';
import { profileWith as p } from './test-profile.ts';

const model = defaultModel();
const level = (m: Model, name: string, label: string) =>
  m.comparisons.find((c) => c.name === name)!.levels.find((l) => l.label === label)!;
const tfOf = (table: Record<string, number>): TermFrequencies => ({ get: (c, v) => table[`${c}:${v}`] });

describe('scorePair', () => {
  it('adds the prior and each comparison’s log2(m/u)', () => {
    const a = p({ given: ['ann'], family: ['lee'], dob: '1980-02-03' });
    const b = p({ given: ['ann'], family: ['lee'], dob: '1990-05-06' });
    const scored = scorePair(model, a, b);
    const exactGiven = level(model, 'given_name', 'exact');
    const exactFamily = level(model, 'family_name', 'exact');
    const otherDob = level(model, 'date_of_birth', 'different');
    const expected =
      priorWeight(0.0001) + levelWeight(exactGiven.m, exactGiven.u) + levelWeight(exactFamily.m, exactFamily.u) + levelWeight(otherDob.m, otherDob.u);
    expect(scored.score).toBeCloseTo(expected, 12);
    expect(scored.probability).toBeCloseTo(1 / (1 + 2 ** -expected), 12);
    expect(scored.modelVersion).toBe('default-3');
    expect(scored.comparisons.map((c) => [c.name, c.label])).toEqual([
      ['given_name', 'exact'],
      ['family_name', 'exact'],
      ['date_of_birth', 'different'],
      ['email', 'missing'],
      ['phone', 'missing'],
      ['postcode', 'missing'],
      ['street', 'missing'],
      ['city', 'missing'],
      ['strong_id', 'missing'],
    ]);
  });

  it('weighs a missing value 0: with nothing to compare the score is the prior', () => {
    const scored = scorePair(model, p({ given: ['ann'] }), p({ family: ['lee'] }));
    expect(scored.comparisons.every((c) => c.level === null && c.weight === 0)).toBe(true);
    expect(scored.score).toBe(priorWeight(0.0001));
    expect(scored.decision).toBe('no-link');
  });

  it('links records agreeing on name and date of birth and reviews name alone', () => {
    const ann = p({ given: ['ann'], family: ['lee'], dob: '1980-02-03' });
    expect(scorePair(model, ann, ann).decision).toBe('link');
    expect(scorePair(model, p({ given: ['ann'], family: ['lee'] }), p({ given: ['ann'], family: ['lee'] })).decision).toBe('review');
  });

  it('weighs agreement on a rare family name more than on a common one (term frequencies)', () => {
    const tf = tfOf({ 'family_name:smith': 0.01, 'family_name:okonkwo': 0.00002 });
    const smith = scorePair(model, p({ family: ['smith'] }), p({ family: ['smith'] }), tf).comparisons[1]!;
    const okonkwo = scorePair(model, p({ family: ['okonkwo'] }), p({ family: ['okonkwo'] }), tf).comparisons[1]!;
    const m = level(model, 'family_name', 'exact').m;
    expect(smith.tfAdjusted).toBe(true);
    expect(smith.weight).toBeCloseTo(levelWeight(m, 0.01), 12);
    expect(okonkwo.weight).toBeCloseTo(levelWeight(m, 0.00002), 12);
    expect(okonkwo.weight).toBeGreaterThan(smith.weight);
  });

  it('floors a term frequency at tf.minimumU and uses the rarest agreeing value', () => {
    const tf = tfOf({ 'email:a@x.example': 1e-9, 'family_name:smith': 0.01, 'family_name:okonkwo': 0.001 });
    const email = scorePair(model, p({ emails: ['a@x.example'] }), p({ emails: ['a@x.example'] }), tf).comparisons[3]!;
    expect(email.weight).toBeCloseTo(levelWeight(level(model, 'email', 'exact').m, model.tf.minimumU), 12);
    const both = p({ family: ['smith', 'okonkwo'] });
    const family = scorePair(model, both, both, tf).comparisons[1]!;
    expect(family.weight).toBeCloseTo(levelWeight(level(model, 'family_name', 'exact').m, 0.001), 12);
  });

  it('keeps the model u when the value has no frequency or the level is not a tf level', () => {
    const tf = tfOf({});
    const family = scorePair(model, p({ family: ['lee'] }), p({ family: ['lee'] }), tf).comparisons[1]!;
    expect(family.tfAdjusted).toBe(false);
    const given = scorePair(model, p({ given: ['ann'] }), p({ given: ['ann'] }), tfOf({ 'given_name:ann': 0.5 })).comparisons[0]!;
    expect(given.tfAdjusted).toBe(false);
  });
});
