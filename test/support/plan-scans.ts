import type { Driver } from 'neo4j-driver';
import { GraphExecutor, type Tx } from '../../src/graph/executor.ts';

type PlanNode = { operatorType: string; rows: number; arguments?: Record<string, unknown>; children?: PlanNode[] };

/** Operators that read a whole label or index instead of seeking or expanding. */
const SCAN = /^(AllNodesScan|NodeByLabelScan|NodeIndexScan|NodeIndexContainsScan|NodeIndexEndsWithScan|UndirectedRelationshipTypeScan|DirectedRelationshipTypeScan)/;

function scansIn(plan: PlanNode, out: string[]): void {
  if (SCAN.test(plan.operatorType)) out.push(`${plan.operatorType.replace(/@.*/, '')} ${String(plan.arguments?.['Details'] ?? '')}`);
  for (const child of plan.children ?? []) scansIn(child, out);
}

/**
 * An executor that runs every statement under PROFILE and remembers each one whose plan
 * scans a label or an index, with the scanning operators: a lookup by key that the
 * planner turned into a scan grows with the database.
 */
export class PlanScanningExecutor extends GraphExecutor {
  readonly scans = new Map<string, string[]>();

  constructor(driver: Driver, database: string) {
    super(driver, database);
  }

  override read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return super.read((tx) => work(this.profiled(tx)));
  }

  override write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return super.write((tx) => work(this.profiled(tx)));
  }

  private profiled(tx: Tx): Tx {
    return new Proxy(tx, {
      get: (target, prop) => {
        if (prop !== 'run') return Reflect.get(target, prop) as unknown;
        return async (query: string, params?: Record<string, unknown>) => {
          const result = await target.run(`PROFILE ${query}`, params);
          const found: string[] = [];
          if (result.summary.profile) scansIn(result.summary.profile as unknown as PlanNode, found);
          if (found.length > 0) this.scans.set(query.trim().replace(/\s+/g, ' ').slice(0, 140), found);
          return result;
        };
      },
    });
  }
}
