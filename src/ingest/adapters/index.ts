import type { SourceAdapter } from '../source-adapter.ts';
import { billingAdapter } from './billing.adapter.ts';
import { crmAdapter } from './crm.adapter.ts';
import { emailMarketingAdapter } from './email-marketing.adapter.ts';
import { marketplaceAdapter } from './marketplace.adapter.ts';
import { posAdapter } from './pos.adapter.ts';
import { supportAdapter } from './support.adapter.ts';
import { webAnalyticsAdapter } from './web-analytics.adapter.ts';
import { webshopAdapter } from './webshop.adapter.ts';

/** Every adapter shipped with the product; each is also registered as a source of its kind's name. */
export const builtInAdapters: readonly SourceAdapter<unknown>[] = [
  crmAdapter,
  billingAdapter,
  supportAdapter,
  webAnalyticsAdapter,
  emailMarketingAdapter,
  webshopAdapter,
  posAdapter,
  marketplaceAdapter,
];

const byKind = new Map(builtInAdapters.map((adapter) => [adapter.kind, adapter]));

export function adapterByKind(kind: string): SourceAdapter<unknown> | undefined {
  return byKind.get(kind);
}
