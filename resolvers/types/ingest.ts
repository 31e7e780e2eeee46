import type {
  IdentifierResolvers,
  RejectedRecordResolvers,
  SourceRecordResolvers,
  SourceResolvers,
  RejectionStatus as GqlRejectionStatus,
} from '../../src/generated/graphql.ts';
import type { RejectionStatus } from '../../src/ingest/rejection.service.ts';

export const Source: SourceResolvers = {
  recordCount: async (source, _args, ctx) => (await ctx.loaders.sourceCounts.load(source.name)).records,
  openRejectionCount: async (source, _args, ctx) => (await ctx.loaders.sourceCounts.load(source.name)).openRejections,
};

export const SourceRecord: SourceRecordResolvers = {
  names: (record) => record.person.names,
  emails: (record) => record.person.emails,
  phones: (record) => record.person.phones,
  addresses: (record) => record.person.addresses,
  dateOfBirth: (record) => record.person.dateOfBirth ?? null,
  organisation: (record) => record.person.organisation ?? null,
  title: (record) => record.person.title ?? null,
  // Read through this record: an agent who verified its customer may see the values.
  identifiers: async (record, _args, ctx) => (await ctx.loaders.identifiersOf.load(record.key)).map((identifier) => ({ ...identifier, viaRecordKey: record.key })),
  interactions: (record, args, ctx) => ctx.loaders.interactionsOf.load({ key: record.key, first: args.first ?? 50 }),
  linkedRecords: async (record, _args, ctx) => {
    const keys = await ctx.loaders.linkedKeysOf.load(record.key);
    const records = await ctx.loaders.recordByKey.loadMany(keys);
    return records.filter((r): r is Exclude<typeof r, Error | null> => r != null && !(r instanceof Error));
  },
};

export const Identifier: IdentifierResolvers = {
  records: async (identifier, _args, ctx) => {
    const records = await ctx.loaders.recordByKey.loadMany(identifier.recordKeys ?? []);
    return records.filter((r): r is Exclude<typeof r, Error | null> => r != null && !(r instanceof Error));
  },
};

const REJECTION_STATUSES = { open: 'OPEN', replayed: 'REPLAYED', resolved: 'RESOLVED', dismissed: 'DISMISSED' } as const satisfies Record<RejectionStatus, GqlRejectionStatus>;

/** The stored status of a RejectionStatus argument. */
export const rejectionStatusOf = (status: GqlRejectionStatus): RejectionStatus =>
  (Object.keys(REJECTION_STATUSES) as RejectionStatus[]).find((key) => REJECTION_STATUSES[key] === status)!;

export const RejectedRecord: RejectedRecordResolvers = {
  status: (rejection) => REJECTION_STATUSES[rejection.status],
};
