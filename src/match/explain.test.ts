import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.ts';
import { defaultModel } from './default-model.ts';
import { explainPair, likelihood, percent } from './explain.ts';
import type { Model } from './model.ts';
import { scorePair } from './score.ts';
import { profileWith as p } from './test-profile.ts';

/** The default model with round Bayes factors: email exact 2,048, date of birth different 1/20. */
function roundModel(): Model {
  const model = structuredClone(defaultModel());
  const set = (name: string, label: string, m: number, u: number) => {
    Object.assign(model.comparisons.find((c) => c.name === name)!.levels.find((l) => l.label === label)!, { m, u });
  };
  set('email', 'exact', 0.2048, 0.0001);
  set('date_of_birth', 'different', 0.049, 0.98);
  return model;
}

describe('explainPair', () => {
  const model = roundModel();
  const a = p({ emails: ['ann@x.example'], dob: '1980-02-03', phones: ['+441632960123'] });
  const b = p({ emails: ['ann@x.example'], dob: '1990-05-06' });
  const explanation = explainPair(model, scorePair(model, a, b));
  const sentence = (comparison: string) => explanation.steps.find((s) => s.comparison === comparison)!.sentence;

  it('says how many times more or less likely each level makes a match', () => {
    expect(sentence('email')).toBe('Email: exact match — 2,048 times more likely to be a match');
    expect(sentence('date_of_birth')).toBe('Date of birth: different — 20 times less likely to be a match');
    expect(sentence('phone')).toBe('Phone: missing on one side — no evidence');
  });

  it('gives each step its label, weight and Bayes factor', () => {
    const email = explanation.steps.find((s) => s.comparison === 'email')!;
    expect(email).toMatchObject({ label: 'exact', bayesFactor: expect.closeTo(2048, 6) });
    expect(email.weight).toBeCloseTo(11, 12);
    expect(explanation.steps.find((s) => s.comparison === 'phone')).toMatchObject({ label: 'missing', weight: 0, bayesFactor: 1 });
  });

  it('starts from the prior and ends with the verdict', () => {
    expect(explanation.prior.sentence).toBe('Prior: 1 in 10,000 pairs from blocking is a match (weight -13.29)');
    expect(explanation.prior.weight).toBeCloseTo(-13.2876, 4);
    // -13.2877 + 11 - 4.3219 = -6.6096 -> 1 / (1 + 2^6.6096) = 1.01%
    expect(explanation.sentence).toBe('Overall: 1.01% likely to be a match (score -6.61) — no link (below 80%)');
    expect(explanation.modelVersion).toBe('default-3');
  });

  it('says when a term frequency made agreement count for more or less', () => {
    const tf = { get: (_: string, value: string) => (value === 'smith' ? 0.01 : 0.00001) };
    const smith = scorePair(model, p({ family: ['smith'] }), p({ family: ['smith'] }), tf);
    expect(explainPair(model, smith).steps[1]!.sentence).toBe('Family name: exact match on a common value — 85 times more likely to be a match');
    const rare = scorePair(model, p({ family: ['okonkwo'] }), p({ family: ['okonkwo'] }), tf);
    expect(explainPair(model, rare).steps[1]!.sentence).toBe('Family name: exact match on a rare value — 85,000 times more likely to be a match');
  });

  it('refuses to explain a pair scored by another model version', () => {
    const scored = scorePair(defaultModel(), a, b);
    expect(() => explainPair({ ...model, version: 'trained-2026-01-01-abcdef12' }, scored)).toThrow(DomainError);
  });
});

describe('sentence parts', () => {
  it('formats factors with one decimal below 10 and grouped integers above', () => {
    expect(likelihood(11)).toBe('2,048 times more likely to be a match');
    expect(likelihood(1)).toBe('2.0 times more likely to be a match');
    expect(likelihood(-Math.log2(20))).toBe('20 times less likely to be a match');
    expect(likelihood(0)).toBe('no evidence');
  });

  it('never rounds a probability to a certainty', () => {
    expect(percent(0.999999)).toBe('>99.99%');
    expect(percent(0.0000001)).toBe('<0.01%');
    expect(percent(0.8)).toBe('80%');
    expect(percent(0.99)).toBe('99%');
    expect(percent(0.98765)).toBe('98.77%');
    expect(percent(1)).toBe('100%');
  });
});
