import type { Context } from '../../src/context.ts';
import type { SourceRecordModel } from '../../src/ingest/source-record.service.ts';
import type {
  IdentifierResolvers,
  RejectedRecordResolvers,
  SourceRecordResolvers,
  SourceResolvers,
} from '../../src/generated/graphql.ts';

export const Source: SourceResolvers = {
  recordCount: async (source, _args, ctx) => (await ctx.loaders.sourceCounts.load(source.name)).records,
  openRejectionCount: async (source, _args, ctx) => (await ctx.loaders.sourceCounts.load(source.name)).openRejections,
};

/** A record's personal fields are read only after the read is in the audit trail (one entry per request batch). */
const audited = <T,>(read: (record: SourceRecordModel) => T) => async (record: SourceRecordModel, _args: unknown, ctx: Context): Promise<T> => {
  await ctx.loaders.recordRead.load(record.key);
  return read(record);
};

export const SourceRecord: SourceRecordResolvers = {
  names: audited((record) => record.person.names),
  emails: audited((record) => record.person.emails),
  phones: audited((record) => record.person.phones),
  addresses: audited((record) => record.person.addresses),
  dateOfBirth: audited((record) => record.person.dateOfBirth ?? null),
  organisation: audited((record) => record.person.organisation ?? null),
  title: audited((record) => record.person.title ?? null),
  identifiers: (record, _args, ctx) => ctx.loaders.identifiersOf.load(record.key),
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

export const RejectedRecord: RejectedRecordResolvers = {
  status: (rejection) => (rejection.status === 'open' ? 'OPEN' : 'REPLAYED'),
};
