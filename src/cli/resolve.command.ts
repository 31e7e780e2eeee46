import type { ResolveReport } from '../match/bulk-resolve.service.ts';
import type { ResolvePreview } from '../match/resolve-all-preview.ts';

/** `resolve --dry-run`: what a re-resolution would change, and whether it would be refused. */
export function formatPreview(p: ResolvePreview & { modelVersion: string }): string {
  const lines = [
    `Dry run with model ${p.modelVersion}: nothing was written.`,
    `${p.records} records: ${p.customersBefore} customers now, ${p.customersAfter} afterwards.`,
    `Of today's customers: ${p.merged} merged away, ${p.split} split, ${p.grown} grown, ${p.unchanged} unchanged; ${p.newCustomers} new customers.`,
    `${p.links} links, ${p.reviews} open reviews (held back: ${p.heldBack.clusterSizeLimit} by the cluster size limit, ${p.heldBack.weakBridge} weak bridges).`,
    `Customer sizes afterwards: median ${p.sizes.median}, p90 ${p.sizes.p90}, p99 ${p.sizes.p99}, largest ${p.sizes.largest} records.`,
    'Largest customers afterwards:',
    ...p.largest.map((c) => `  ${(c.customerId ?? '(new)').padEnd(28)} ${String(c.records).padStart(6)} records from ${c.fromCustomers} of today's customers`),
  ];
  lines.push(
    p.refusals.length === 0
      ? 'Within the bounds: `npm run cli -- resolve` would apply it.'
      : `\`npm run cli -- resolve\` would refuse: ${p.refusals.join('; ')}. Apply it anyway with --force.`,
  );
  return lines.join('\n');
}

export function formatReport(r: ResolveReport): string {
  return (
    `Resolved ${r.records} records into ${r.customers} customers with model ${r.modelVersion} in ${r.seconds.toFixed(1)} s: ` +
    `${r.keptIds} ids kept, ${r.newCustomers} new, ${r.mergedAway} merged away, ${r.reviews} open reviews (${r.heldBack} links held back).`
  );
}
