import type { GraphExecutor } from '../graph/executor.ts';
import { compareInstants } from '../graph/instant.ts';
import { EVENTS_TOUCHING } from './lineage.cypher.ts';

export type LineageStep = {
  id: string;
  kind: 'merge' | 'split' | 'unmerge';
  at: string;
  actor: string;
  role: string;
  reason: string | null;
  /** JSON: the pairs and rules behind a resolution merge (ids and probabilities only). */
  evidence: string;
  /** How many source records moved. */
  records: number;
  /** For an unmerge, the merge it undid. */
  undoes: string | null;
  from: string;
  to: string;
};

const MAX_DEPTH = 50;

/**
 * The merge path of a customer: every merge that made it, and the merges that made those
 * customers, back to the start; with the splits and unmerges that took records out on the
 * way. Walked a level at a time, so a deep history costs one query per level.
 */
export class LineageService {
  private readonly executor: GraphExecutor;

  constructor(executor: GraphExecutor) {
    this.executor = executor;
  }

  async mergePath(customerId: string): Promise<LineageStep[]> {
    const steps = new Map<string, LineageStep>();
    const visited = new Set<string>([customerId]);
    let frontier = [customerId];
    for (let depth = 0; frontier.length > 0 && depth < MAX_DEPTH; depth++) {
      const rows = await this.executor.readRows<LineageStep>(EVENTS_TOUCHING, { ids: frontier });
      const next: string[] = [];
      for (const row of rows) {
        if (steps.has(row.id)) continue;
        steps.set(row.id, row);
        // Back through what flowed in: a merged-away customer's own history made this one.
        if (visited.has(row.to) && !visited.has(row.from) && row.kind === 'merge') {
          visited.add(row.from);
          next.push(row.from);
        }
      }
      frontier = next;
    }
    return [...steps.values()].sort((a, b) => compareInstants(a.at, b.at) || (a.id < b.id ? -1 : 1));
  }
}
