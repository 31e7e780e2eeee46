import type { Loaders } from '../../src/context.ts';
import type {
  CustomerPreviewResolvers,
  CustomerResolvers,
  GoldenAddressResolvers,
  GoldenListValueResolvers,
  GoldenProfileResolvers,
  GoldenValueResolvers,
  ProvenanceResolvers,
  SurvivorshipRule,
} from '../../src/generated/graphql.ts';
import type { DecidedBy } from '../../src/golden/survivorship.ts';

const RULES: Record<DecidedBy, SurvivorshipRule> = {
  'source-priority': 'SOURCE_PRIORITY',
  'most-recent': 'MOST_RECENT',
  'most-frequent': 'MOST_FREQUENT',
  'first-non-empty': 'FIRST_NON_EMPTY',
  pinned: 'PINNED',
  'tie-break': 'TIE_BREAK',
  'only-value': 'ONLY_VALUE',
};

const withOwner = <G extends object>(golden: G | null, customerId: string): (G & { customerId: string }) | null => (golden ? { ...golden, customerId } : null);

export const ruleOf = (rule: string | null): SurvivorshipRule | null => (rule ? (RULES[rule as DecidedBy] ?? null) : null);
/** Source clocks are epoch milliseconds; 0 means the source has none. */
const instant = (ms: number): string | null => (ms > 0 ? new Date(ms).toISOString() : null);

export const GoldenProfile: GoldenProfileResolvers = {
  givenName: (g) => g.attributes.givenName ?? null,
  middleName: (g) => g.attributes.middleName ?? null,
  familyName: (g) => g.attributes.familyName ?? null,
  fullName: (g) => g.attributes.fullName ?? null,
  dateOfBirth: (g) => g.attributes.dateOfBirth ?? null,
  organisation: (g) => g.attributes.organisation ?? null,
  title: (g) => g.attributes.title ?? null,
};

export const GoldenValue: GoldenValueResolvers = {
  rule: (v) => ruleOf(v.rule)!,
};

export const GoldenListValue: GoldenListValueResolvers = {
  rule: (v) => ruleOf(v.rule),
  firstSeen: (v) => instant(v.firstSeen),
  lastSeen: (v) => instant(v.lastSeen),
};

export const GoldenAddress: GoldenAddressResolvers = {
  rule: (v) => ruleOf(v.rule),
  firstSeen: (v) => instant(v.firstSeen),
  lastSeen: (v) => instant(v.lastSeen),
  lines: (v) => v.address.lines,
  city: (v) => v.address.city,
  region: (v) => v.address.region,
  postcode: (v) => v.address.postcode,
  country: (v) => v.address.country,
};

export const Provenance: ProvenanceResolvers = {
  sourceUpdatedAt: (p) => instant(p.updatedAt),
};

async function records(loaders: Loaders, keys: readonly string[]) {
  const found = await loaders.recordByKey.loadMany(keys);
  return found.filter((r): r is Exclude<typeof r, Error | null> => r != null && !(r instanceof Error));
}

export const CustomerPreview: CustomerPreviewResolvers = {
  profile: (p) => withOwner(p.golden, p.id),
  records: (p, _args, ctx) => records(ctx.loaders, p.recordKeys),
};

export const CustomerGolden: Pick<CustomerResolvers, 'requestedId' | 'redirected' | 'profile'> = {
  requestedId: (c) => c.requestedId ?? c.id,
  redirected: (c) => (c.requestedId ?? c.id) !== c.id,
  // The owner rides along so that masking and the audit of personal reads know whose fields these are.
  profile: async (c, _args, ctx) => withOwner(await ctx.loaders.profileOf.load(c.id), c.id),
};
