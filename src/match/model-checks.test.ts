import { describe, expect, it } from 'vitest';
import { defaultModel } from './default-model.ts';
import { checkModel, describeFailures, type CheckInput } from './model-checks.ts';
import type { Model } from './model.ts';

const sane = (): CheckInput => ({
  model: defaultModel(),
  prior: { lower: 1e-7, upper: 0.05, rulePairs: 1215 },
  rounds: [{ rule: 'given+family', pairs: 1111, iterations: 20, converged: true }],
});
const withLevel = (model: Model, name: string, label: string, m: number, u: number): Model => {
  const copy = structuredClone(model);
  const level = copy.comparisons.find((c) => c.name === name)!.levels.find((l) => l.label === label)!;
  Object.assign(level, { m, u });
  return copy;
};

describe('checkModel', () => {
  it('passes the shipped model', () => {
    expect(checkModel(sane())).toEqual([]);
  });

  // What the collapsed training of issue #10 learnt.
  it('fails a conflicting identifier that counts for a match, saying by how much', () => {
    const failures = checkModel({ ...sane(), model: withLevel(defaultModel(), 'strong_id', 'conflicting', 0.64, 0.55) });
    expect(failures).toEqual([
      { check: 'disagreement-against', message: "strong_id 'conflicting' weighs +0.22 bits (m 0.6400, u 0.5500): different values must count against a match" },
    ]);
  });

  it('fails a prior of 0.9999 as outside the bounds the data allow', () => {
    const model = { ...defaultModel(), prior: { matchProbability: 0.9999 } };
    const [failure] = checkModel({ ...sane(), model });
    expect(failure).toEqual({
      check: 'prior-in-bounds',
      message: 'the prior 0.9999 is outside the bounds the data allow (1.00e-7, the share of pairs the rules found, to 0.0500): with it most candidates would link',
    });
  });

  it('fails a prior below the share of pairs the rules found, and a prior nothing could estimate', () => {
    const model = { ...defaultModel(), prior: { matchProbability: 1e-8 } };
    expect(checkModel({ ...sane(), model })[0]!.message).toMatch(/the rules would have found more pairs than there are matches/);
    expect(checkModel({ ...sane(), prior: { lower: 1, upper: 0.05, rulePairs: 0 } })[0]).toEqual({
      check: 'prior-in-bounds',
      message: 'no two records share an identifier the deterministic rules link on, so the probability that two random records match cannot be estimated',
    });
  });

  it('fails an exact agreement no likelier among matches than among random pairs', () => {
    const model = withLevel(withLevel(defaultModel(), 'given_name', 'exact', 0.008, 0.008), 'given_name', 'different', 0.805 + 0.01, 0.9789);
    expect(checkModel({ ...sane(), model }).map((f) => f.check)).toEqual(['agreement-above-chance']);
  });

  it('fails a round EM did not finish, naming the rule', () => {
    const failures = checkModel({ ...sane(), rounds: [{ rule: 'street+postcode', pairs: 639, iterations: 200, converged: false }] });
    expect(describeFailures(failures)).toBe("  - em-converged: EM over the 639 pairs of 'street+postcode' did not converge in 200 iterations: its m are not estimates yet");
  });
});
