import { int, type GraphExecutor } from '../graph/executor.ts';
import { RECORD_PAGE } from './bulk-resolve.cypher.ts';
import { tallyChanges, type ModelComparison, type PairVerdicts } from './compare-models.ts';
import type { Model } from './model.ts';
import { decidePair } from './pair-decision.ts';
import type { ResolutionService } from './resolution.service.ts';

const PAGE = 1000;

/**
 * Two models side by side over the stored records: every candidate pair blocking finds
 * (through the stored keys; nothing is written), decided by each model under the match
 * rules in use, tallied by how the decision changes.
 */
export class ModelComparisonService {
  private readonly executor: GraphExecutor;
  private readonly resolution: ResolutionService;

  constructor(executor: GraphExecutor, resolution: ResolutionService) {
    this.executor = executor;
    this.resolution = resolution;
  }

  async compare(a: Model, b: Model, examples = 10): Promise<ModelComparison> {
    const { rules } = this.resolution.current;
    const verdicts: PairVerdicts[] = [];
    const seen = new Set<string>();
    for (let after: string | null = null; ; ) {
      const page: Array<{ key: string; attrs: string }> = await this.executor.readRows(RECORD_PAGE, { after, size: int(PAGE) });
      if (page.length === 0) break;
      after = page.at(-1)!.key;
      const { pairs } = await this.executor.read((tx) => this.resolution.candidatePairs(tx, page, { writeKeys: false }));
      for (const p of pairs) {
        // A pair across two pages is found from both.
        if (seen.has(`${p.a}\n${p.b}`)) continue;
        seen.add(`${p.a}\n${p.b}`);
        const [da, db] = [a, b].map((model) => decidePair(model, rules, p.left, p.right, p.vias, p.tf, p.hubs));
        verdicts.push({ a: p.a, b: p.b, decisionA: da!.decision, probabilityA: da!.probability, decisionB: db!.decision, probabilityB: db!.probability });
      }
    }
    return tallyChanges(a.version, b.version, verdicts, examples);
  }
}
