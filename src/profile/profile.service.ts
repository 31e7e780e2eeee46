import DataLoader from 'dataloader';
import { int, type GraphExecutor, type Tx } from '../graph/executor.ts';
import { toInteraction, type InteractionModel } from '../ingest/source-record.service.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { activityRules, summarize, type ActivitySummary, type HolderActivity } from './activity.ts';
import { ACTIVITY_OF_CUSTOMERS, IDENTIFIERS_OF_CUSTOMERS, REFRESH_ACTIVITY, TIMELINE_OF_CUSTOMERS } from './profile.cypher.ts';
import { encodeCursor, requestKey, type TimelineRequest } from './timeline.ts';

export type CustomerIdentifierModel = {
  /** The customer it was read for: masking and the audit of personal reads need the owner. */
  customerId: string;
  type: string;
  value: string;
  sources: Array<{ recordKey: string; source: string; sourceRecordId: string; updatedAt: number }>;
};

export type TimelinePage = {
  edges: Array<{ cursor: string; node: InteractionModel }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

export type ProfileLoaders = {
  activityOf: DataLoader<string, ActivitySummary>;
  customerIdentifiersOf: DataLoader<string, CustomerIdentifierModel[]>;
  timelineOf: DataLoader<TimelineRequest, TimelinePage, string>;
};

/**
 * The 360 view's reads beyond the golden record: identifiers, the activity summary and the
 * timeline, each one statement for every customer of a request. Writes the activity
 * summaries of holders, in the ingest transaction (`refreshActivityInTx`).
 */
export class ProfileService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;

  constructor(executor: GraphExecutor, codec: ValueCodec) {
    this.executor = executor;
    this.codec = codec;
  }

  loaders(): ProfileLoaders {
    return {
      activityOf: new DataLoader((ids) => this.activityOf(ids)),
      customerIdentifiersOf: new DataLoader((ids) => this.identifiersOf(ids)),
      timelineOf: new DataLoader((requests) => this.timelines(requests), { cacheKeyFn: requestKey }),
    };
  }

  async activityOf(ids: readonly string[]): Promise<ActivitySummary[]> {
    const rows = await this.executor.readRows<{ id: string; holders: HolderActivity[] }>(ACTIVITY_OF_CUSTOMERS, { ids: [...ids] });
    const byId = new Map(rows.map((r) => [r.id, summarize(r.holders)]));
    return ids.map((id) => byId.get(id) ?? summarize([]));
  }

  async identifiersOf(ids: readonly string[]): Promise<CustomerIdentifierModel[][]> {
    const rows = await this.executor.readRows<{ id: string; identifiers: Array<Omit<CustomerIdentifierModel, 'customerId'> & { key: string }> }>(
      IDENTIFIERS_OF_CUSTOMERS,
      { ids: [...ids] },
    );
    const byId = new Map(
      rows.map((r) => [r.id, r.identifiers.map(({ type, value, sources }) => ({ customerId: r.id, type, value: this.codec.decode(value), sources }))]),
    );
    return ids.map((id) => byId.get(id) ?? []);
  }

  async timelines(requests: readonly TimelineRequest[]): Promise<TimelinePage[]> {
    const rows = await this.executor.readRows<{ index: number; interactions: Array<Record<string, unknown>> }>(TIMELINE_OF_CUSTOMERS, {
      requests: requests.map((r) => ({ ...r, limit: int(r.limit) })),
    });
    const byIndex = new Map(rows.map((r) => [r.index, r.interactions]));
    return requests.map((request, index) => {
      const found = byIndex.get(index) ?? [];
      const page = found.slice(0, request.limit - 1);
      const edges = page.map((x) => ({ cursor: encodeCursor({ occurredAt: x['occurredAt'] as number, key: x['key'] as string }), node: toInteraction(x) }));
      return { edges, pageInfo: { hasNextPage: found.length > page.length, endCursor: edges.at(-1)?.cursor ?? null } };
    });
  }
}

/**
 * Brings the activity summaries of every holder of these interactions up to date, in the
 * caller's transaction. Ingestion calls it after storing interactions, without awaiting
 * the upsert: Neo4j runs a transaction's statements in order, so this sees them stored.
 */
export function refreshActivityInTx(tx: Tx, interactionKeys: readonly string[]) {
  return tx.run(REFRESH_ACTIVITY, { keys: [...interactionKeys], rules: activityRules });
}
