import { describe, expect, it } from 'vitest';
import defaultModelJson from '../../models/default-model.json' with { type: 'json' };
import { DomainError } from '../errors/domain-error.ts';
import { defaultModel } from './default-model.ts';
import { decide, levelWeight, loadModel, priorWeight, probabilityOf } from './model.ts';

const json = () => structuredClone(defaultModelJson) as Record<string, unknown> & typeof defaultModelJson;

describe('loadModel', () => {
  it('accepts the default model', () => {
    const model = defaultModel();
    expect(model.version).toBe('default-3');
    expect(model.thresholds).toEqual({ link: 0.95, review: 0.8 });
    expect(model.prior.matchProbability).toBe(0.0001);
    expect(model.notes).toMatch(/prior/);
  });

  it('rejects an unknown comparison with a BAD_USER_INPUT error naming it', () => {
    const bad = json();
    bad.comparisons[0]!.name = 'shoe_size';
    expect(() => loadModel(bad)).toThrow(DomainError);
    expect(() => loadModel(bad)).toThrow(/comparisons\.0\.name: unknown comparison 'shoe_size'/);
  });

  it('rejects levels that are not the comparison’s levels in order', () => {
    const bad = json();
    bad.comparisons[0]!.levels.reverse();
    expect(() => loadModel(bad)).toThrow(/levels of 'given_name' must be exact, nickname/);
  });

  it('rejects m or u that do not sum to 1, zero probabilities and crossed thresholds', () => {
    const sums = json();
    sums.comparisons[2]!.levels[0]!.m = 0.5;
    expect(() => loadModel(sums)).toThrow(/m of 'date_of_birth' sums to/);
    const zero = json();
    zero.comparisons[0]!.levels[0]!.u = 0;
    expect(() => loadModel(zero)).toThrow(DomainError);
    const crossed = json();
    crossed.thresholds = { link: 0.8, review: 0.9 };
    expect(() => loadModel(crossed)).toThrow(/review threshold above link threshold/);
    expect(() => loadModel({ version: 'x' })).toThrow(DomainError);
  });
});

describe('weight math', () => {
  it('weighs a level log2(m/u)', () => {
    expect(levelWeight(0.9, 0.0009)).toBeCloseTo(Math.log2(1000), 12);
    expect(levelWeight(0.5, 0.5)).toBe(0);
    expect(levelWeight(0.05, 0.8)).toBe(-4);
  });

  it('turns the prior into log2 odds and a score back into a probability', () => {
    expect(priorWeight(0.5)).toBe(0);
    expect(priorWeight(1 / 9)).toBeCloseTo(-3, 12);
    expect(probabilityOf(0)).toBe(0.5);
    expect(probabilityOf(3)).toBeCloseTo(8 / 9, 12);
    expect(probabilityOf(priorWeight(0.0001))).toBeCloseTo(0.0001, 12);
  });

  it('decides link, review or no-link by the thresholds', () => {
    const model = defaultModel();
    expect(decide(model, 0.99)).toBe('link');
    expect(decide(model, 0.9)).toBe('review');
    expect(decide(model, 0.5)).toBe('no-link');
  });
});
