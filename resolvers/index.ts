import { JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../src/generated/graphql.ts';
import { ingestBatch, ingestRecord, replayRejected } from './Mutation/ingest.ts';
import { registerSource } from './Mutation/register-source.ts';
import { customer } from './Query/customer.ts';
import { identifier, rejectedRecords, sourceRecord, sources } from './Query/ingest.ts';
import { serviceInfo } from './Query/service-info.ts';
import { DateTime } from './scalars/date-time.ts';
import { Identifier, RejectedRecord, SourceRecord, Source } from './types/ingest.ts';

export const resolvers: Resolvers = {
  DateTime,
  JSON: JSONResolver,
  Query: {
    customer,
    serviceInfo,
    sources,
    sourceRecord,
    identifier,
    rejectedRecords,
  },
  Mutation: {
    registerSource,
    ingestRecord,
    ingestBatch,
    replayRejected,
  },
  Source,
  SourceRecord,
  Identifier,
  RejectedRecord,
};
