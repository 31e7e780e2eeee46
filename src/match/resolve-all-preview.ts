/**
 * What a re-resolution would change, read off its plan, and the bounds beyond which
 * `resolveAll` refuses to apply it unless forced.
 */
import type { ResolveAllPlan } from './resolve-all-plan.ts';

export type ResolveBounds = {
  /** Refuse when more than this share of today's customers would be merged away (percent). */
  maxMergedAwayPercent: number;
  /** Refuse when any customer would hold more records than this. */
  maxCustomerRecords: number;
};

export const defaultResolveBounds = (maxCustomerRecords: number): ResolveBounds => ({ maxMergedAwayPercent: 5, maxCustomerRecords });

export type PlannedCustomer = {
  /** The existing id the customer keeps; null for a customer the re-resolution would create. */
  customerId: string | null;
  records: number;
  /** Today's customers that hold some of its records. */
  fromCustomers: number;
};

export type ResolvePreview = {
  records: number;
  customersBefore: number;
  customersAfter: number;
  /** Today's customers whose id would be merged into another customer. */
  merged: number;
  /** Today's customers that would keep their id but lose records to other customers. */
  split: number;
  /** Today's customers that would keep their id and all their records, and gain others. */
  grown: number;
  unchanged: number;
  newCustomers: number;
  links: number;
  /** Open reviews afterwards, the held links among them. */
  reviews: number;
  /** Links held back for review, by guard. */
  heldBack: { clusterSizeLimit: number; weakBridge: number };
  sizes: { median: number; p90: number; p99: number; largest: number };
  /** The ten largest customers afterwards, largest first. */
  largest: PlannedCustomer[];
  /** Why resolveAll would refuse this change without force; empty when it would go ahead. */
  refusals: string[];
};

/**
 * Counts what the plan changes for today's customers (each in exactly one of merged,
 * split, grown, unchanged), the size distribution afterwards and the bounds it exceeds.
 * @example previewOf(plan, { maxMergedAwayPercent: 5, maxCustomerRecords: 200 }).refusals // []
 */
export function previewOf(plan: ResolveAllPlan, bounds: ResolveBounds): ResolvePreview {
  const clusterOf = new Map(plan.clusters.flatMap((records, i) => records.map((key) => [key, i] as const)));
  const recordsOf = new Map<string, string[]>();
  for (const [key, customer] of plan.current) {
    const records = recordsOf.get(customer);
    if (records) records.push(key);
    else recordsOf.set(customer, [key]);
  }
  const clusterOfId = new Map(plan.ids.flatMap((id, i) => (id === null ? [] : [[id, i] as const])));
  const counts = { merged: 0, split: 0, grown: 0, unchanged: 0 };
  for (const [customer, records] of recordsOf) {
    const cluster = clusterOfId.get(customer);
    if (plan.mergedAway.has(customer) || cluster === undefined) counts.merged++;
    else if (records.some((key) => clusterOf.get(key) !== cluster)) counts.split++;
    else if (plan.clusters[cluster]!.length === records.length) counts.unchanged++;
    else counts.grown++;
  }
  const sizes = plan.clusters.map((records) => records.length).toSorted((x, y) => x - y);
  const largest = plan.clusters
    .map((records, i) => ({ i, n: records.length }))
    .toSorted((x, y) => y.n - x.n || x.i - y.i)
    .slice(0, 10)
    .map(({ i, n }) => ({
      customerId: plan.ids[i] ?? null,
      records: n,
      fromCustomers: new Set(plan.clusters[i]!.flatMap((key) => plan.current.get(key) ?? [])).size,
    }));
  const preview: Omit<ResolvePreview, 'refusals'> = {
    records: sizes.reduce((sum, n) => sum + n, 0),
    customersBefore: recordsOf.size,
    customersAfter: plan.clusters.length,
    ...counts,
    newCustomers: plan.ids.filter((id) => id === null).length,
    links: plan.links.length,
    reviews: plan.decisions.filter((d) => d.decision === 'review' && d.props['status'] === 'open').length,
    heldBack: { clusterSizeLimit: plan.held['cluster-size-limit'], weakBridge: plan.held['weak-bridge'] },
    sizes: { median: percentile(sizes, 50), p90: percentile(sizes, 90), p99: percentile(sizes, 99), largest: sizes.at(-1) ?? 0 },
    largest,
  };
  return { ...preview, refusals: refusalsOf(preview, bounds) };
}

/** The bounds a change exceeds, as sentences without personal data. */
export function refusalsOf(preview: Pick<ResolvePreview, 'merged' | 'customersBefore' | 'sizes'>, bounds: ResolveBounds): string[] {
  const refusals: string[] = [];
  const share = preview.customersBefore === 0 ? 0 : (100 * preview.merged) / preview.customersBefore;
  if (share > bounds.maxMergedAwayPercent) {
    refusals.push(`it would merge away ${preview.merged} of ${preview.customersBefore} customers (${share.toFixed(1)}%; the bound is ${bounds.maxMergedAwayPercent}%)`);
  }
  if (preview.sizes.largest > bounds.maxCustomerRecords) {
    refusals.push(`it would make a customer of ${preview.sizes.largest} records (the bound is ${bounds.maxCustomerRecords})`);
  }
  return refusals;
}

/** Nearest-rank percentile of sorted values; 0 for none. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
