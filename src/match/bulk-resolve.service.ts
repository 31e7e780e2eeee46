import { int, type GraphExecutor } from '../graph/executor.ts';
import {
  ALL_CANNOT_LINKS,
  MARK_MERGED_AWAY,
  MEMBERSHIPS,
  RECORD_PAGE,
  SET_REVIEW_STATUS,
  SUPERSEDE_OPEN_REVIEWS,
} from './bulk-resolve.cypher.ts';
import { clusterPairs, type Link } from './cluster.ts';
import type { PairDecision } from './pair-decision.ts';
import { ASSIGN_RECORDS, CREATE_CUSTOMERS, WRITE_EVIDENCE } from './resolution.cypher.ts';
import { newCustomerId, type ResolutionService } from './resolution.service.ts';
import { stableIds } from './stable-ids.ts';

export type ResolveReport = {
  records: number;
  customers: number;
  keptIds: number;
  newCustomers: number;
  mergedAway: number;
  links: number;
  reviews: number;
  modelVersion: string;
  seconds: number;
};

const PAGE = 1000;
const WRITE_CHUNK = 5000;

/**
 * Re-runs resolution over every record (after a model or rule change): scores all
 * candidate pairs page by page, clusters globally under the steward's cannot-links, and
 * keeps customer ids stable (see stable-ids.ts). Streaming and bulk share the scoring.
 */
export class BulkResolveService {
  private readonly executor: GraphExecutor;
  private readonly resolution: ResolutionService;

  constructor(executor: GraphExecutor, resolution: ResolutionService) {
    this.executor = executor;
    this.resolution = resolution;
  }

  async resolveAll(by: string): Promise<ResolveReport> {
    const started = performance.now();
    const { model } = this.resolution.current;
    await this.executor.writeRows(SUPERSEDE_OPEN_REVIEWS);
    const keys: string[] = [];
    const links: Link[] = [];
    const reviews: PairDecision[] = [];
    for (let after: string | null = null; ; ) {
      const page: Array<{ key: string; attrs: string }> = await this.executor.readRows(RECORD_PAGE, { after, size: int(PAGE) });
      if (page.length === 0) break;
      after = page.at(-1)!.key;
      const { decisions } = await this.executor.write(async (tx) => {
        const scored = await this.resolution.scoreRecords(tx, page);
        if (scored.decisions.length > 0) {
          await tx.run(WRITE_EVIDENCE, { evidence: scored.decisions.map((d) => ({ a: d.a, b: d.b, props: { ...d.props, status: d.decision === 'link' ? 'linked' : 'open' } })) });
        }
        return scored;
      });
      for (const row of page) keys.push(row.key);
      for (const d of decisions) (d.decision === 'link' ? links.push({ a: d.a, b: d.b, probability: d.probability }) : reviews.push(d));
    }

    const cannot = (await this.executor.readRows<{ a: string; b: string }>(ALL_CANNOT_LINKS)).map((r) => [r.a, r.b] as const);
    const clusters = clusterPairs(keys, links, model.thresholds.link, cannot);
    const memberships = await this.executor.readRows<{ key: string; customer: string; createdAt: string }>(MEMBERSHIPS);
    const current = new Map(memberships.map((m) => [m.key, m.customer]));
    const { ids, mergedAway } = stableIds(clusters, current, new Map(memberships.map((m) => [m.customer, m.createdAt])));

    const finalIds = ids.map((id) => id ?? newCustomerId());
    const created = finalIds.filter((_, i) => ids[i] === null);
    const assignments = clusters.flatMap((records, i) =>
      records.filter((key) => current.get(key) !== finalIds[i]).map((key) => ({ key, customer: finalIds[i]!, rule: `resolve-all ${model.version}` })),
    );
    const clusterOf = new Map(clusters.flatMap((records, i) => records.map((key) => [key, i] as const)));
    const reviewStatus = reviews.map((d) => ({ a: d.a, b: d.b, status: clusterOf.get(d.a) === clusterOf.get(d.b) ? 'linked-through-others' : 'open' }));

    await this.inChunks(CREATE_CUSTOMERS, 'ids', created);
    await this.inChunks(ASSIGN_RECORDS, 'assignments', assignments);
    await this.inChunks(
      MARK_MERGED_AWAY,
      'merges',
      [...mergedAway].map(([from, cluster]) => ({ from, into: finalIds[cluster]!, by, reason: `resolve-all with model ${model.version}` })),
    );
    await this.inChunks(SET_REVIEW_STATUS, 'rows', reviewStatus);
    return {
      records: keys.length,
      customers: clusters.length,
      keptIds: ids.filter((id) => id !== null).length,
      newCustomers: created.length,
      mergedAway: mergedAway.size,
      links: links.length,
      reviews: reviewStatus.filter((r) => r.status === 'open').length,
      modelVersion: model.version,
      seconds: (performance.now() - started) / 1000,
    };
  }

  private async inChunks(query: string, param: string, rows: readonly unknown[]): Promise<void> {
    for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
      await this.executor.writeRows(query, { [param]: rows.slice(i, i + WRITE_CHUNK) });
    }
  }
}
