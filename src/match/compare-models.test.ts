import { describe, expect, it } from 'vitest';
import { formatComparison, tallyChanges } from './compare-models.ts';

describe('tallyChanges', () => {
  it('counts changed decisions by direction, most frequent first, with the first examples of each', () => {
    const verdicts = [
      { a: 'r1', b: 'r2', decisionA: 'link', probabilityA: 0.999, decisionB: 'link', probabilityB: 0.998 },
      { a: 'r1', b: 'r3', decisionA: 'link', probabilityA: 0.995, decisionB: 'review', probabilityB: 0.9 },
      { a: 'r2', b: 'r3', decisionA: 'no-link', probabilityA: 0.1, decisionB: 'link', probabilityB: 0.995 },
      { a: 'r4', b: 'r5', decisionA: 'no-link', probabilityA: 0.2, decisionB: 'link', probabilityB: 0.992 },
    ] as const;
    const result = tallyChanges('m1', 'm2', verdicts, 1);
    expect(result).toMatchObject({ modelA: 'm1', modelB: 'm2', pairs: 4, changed: 3 });
    expect(result.changes).toEqual([
      { from: 'no-link', to: 'link', count: 2, examples: [{ a: 'r2', b: 'r3', probabilityA: 0.1, probabilityB: 0.995 }] },
      { from: 'link', to: 'review', count: 1, examples: [{ a: 'r1', b: 'r3', probabilityA: 0.995, probabilityB: 0.9 }] },
    ]);
    expect(formatComparison(result)).toMatch(/^ {2}no-link -> link +2$/m);
  });
});
