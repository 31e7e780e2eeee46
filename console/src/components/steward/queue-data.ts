import { useQuery } from '../../api.ts';
import { graphql } from '../../gql/index.ts';
import type { ReviewOrder, StewardQueueQuery, StewardQueueQueryVariables } from '../../gql/graphql.ts';

export const QueueDocument = graphql(`
  query StewardQueue($min: Float, $max: Float, $olderThan: DateTime, $source: String, $order: ReviewOrder, $first: Int) {
    reviewItems(minProbability: $min, maxProbability: $max, olderThan: $olderThan, source: $source, order: $order, first: $first) {
      id
      probability
      createdAt
      reasons
      assignee
      a { id profile { fullName { value } recordCount } }
      b { id profile { fullName { value } recordCount } }
      pairs { probability }
    }
  }
`);

export const StatsDocument = graphql(`
  query StewardQueueStats {
    reviewQueueStats { size pairs oldest }
    sources { name }
  }
`);

export type QueueItem = StewardQueueQuery['reviewItems'][number];

/** The queue's filters as the form holds them: percentages and a date, empty for none. */
export type QueueFilters = { minPercent: string; maxPercent: string; olderThan: string; source: string; order: ReviewOrder };

export const noFilters: QueueFilters = { minPercent: '', maxPercent: '', olderThan: '', source: '', order: 'SCORE' };

const share = (percent: string) => (percent.trim() === '' || Number.isNaN(Number(percent)) ? null : Math.min(100, Math.max(0, Number(percent))) / 100);

/** A page of the queue, and the most it shows (the API's cap on reviewItems' first). */
export const QUEUE_PAGE = 50;
export const QUEUE_MAX = 500;

export const variablesOf = (f: QueueFilters, first = QUEUE_PAGE): StewardQueueQueryVariables => ({
  first,
  min: share(f.minPercent),
  max: share(f.maxPercent),
  olderThan: /^\d{4}-\d{2}-\d{2}$/.test(f.olderThan) ? new Date(`${f.olderThan}T00:00:00`).toISOString() : null,
  source: f.source || null,
  order: f.order,
});

/** The open items under the filters, in the order chosen: the queue page lists them, the item page steps through them. */
export const useQueue = (filters: QueueFilters, first = QUEUE_PAGE) => useQuery(QueueDocument, variablesOf(filters, first));

export const percent = (p: number) => `${(p * 100).toFixed(p > 0.999 || p < 0.001 ? 2 : 1)}%`;

export const reasonLabel: Record<string, string> = { UNCERTAIN: 'uncertain', CLUSTER_SIZE_LIMIT: 'cluster size limit', WEAK_BRIDGE: 'weak bridge' };
