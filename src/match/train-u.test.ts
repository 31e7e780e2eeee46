import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model.ts';
import { PatternTallier } from './train-data.ts';
import { estimateU } from './train-u.ts';

const names = defaultModel().comparisons.map((c) => c.name);
/** A level vector with the given levels by comparison name, the rest missing. */
const row = (levels: Record<string, number>) => names.map((name) => levels[name] ?? null);
const level = (name: string, label: string) => defaultModel().comparisons.find((c) => c.name === name)!.levels.findIndex((l) => l.label === label);

describe('estimateU', () => {
  it('takes u as Laplace-smoothed level shares among random pairs with a value; m and a comparison never seen are kept', () => {
    const tallier = new PatternTallier();
    tallier.add(row({ city: 0 }), 1);
    tallier.add(row({ city: 1 }), 2);
    tallier.add(row({}), 5);
    const { model } = estimateU(defaultModel(), tallier.result(), { pseudoCount: 1, conditional: false });
    const city = model.comparisons.find((c) => c.name === 'city')!;
    // exact: (1 + 1) / (3 + 2); different: (2 + 1) / (3 + 2)
    expect(city.levels.map((l) => l.u)).toEqual([0.4, 0.6]);
    expect(city.levels.map((l) => l.m)).toEqual([0.8, 0.2]);
    expect(model.comparisons.find((c) => c.name === 'email')).toEqual(defaultModel().comparisons.find((c) => c.name === 'email'));
  });

  it('takes street’s and city’s u among pairs with the same postcode whose names both differ', () => {
    const apart = { given_name: level('given_name', 'different'), family_name: level('family_name', 'different'), postcode: 0 };
    const tallier = new PatternTallier();
    tallier.add(row({ ...apart, street: 0, city: 0 }), 30);
    tallier.add(row({ ...apart, street: 2, city: 0 }), 70);
    tallier.add(row({ ...apart, family_name: 0, street: 0, city: 0 }), 40); // likely one household or one person
    tallier.add(row({ postcode: 2, street: 2, city: 1 }), 100_000);
    const { model, conditional } = estimateU(defaultModel(), tallier.result(), { pseudoCount: 1 });
    const street = model.comparisons.find((c) => c.name === 'street')!.levels;
    expect(street[0]!.u).toBeCloseTo(31 / 103, 12);
    expect(conditional).toEqual([
      { comparison: 'street', given: 'postcode', pairs: 100, estimated: true },
      { comparison: 'city', given: 'postcode', pairs: 100, estimated: true },
    ]);
  });

  it('keeps the model’s street and city u when too few pairs share a postcode', () => {
    const tallier = new PatternTallier();
    tallier.add(row({ postcode: 0, given_name: level('given_name', 'different'), family_name: level('family_name', 'different'), street: 0 }), 10);
    const { model, conditional } = estimateU(defaultModel(), tallier.result(), { pseudoCount: 1 });
    expect(model.comparisons.find((c) => c.name === 'street')).toEqual(defaultModel().comparisons.find((c) => c.name === 'street'));
    expect(conditional[0]).toEqual({ comparison: 'street', given: 'postcode', pairs: 10, estimated: false });
  });
});
