import { JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../src/generated/graphql.ts';
import { ingestBatch, ingestRecord, replayRejected } from './Mutation/ingest.ts';
import { markDifferentPeople, resolveAll, setMatchRules } from './Mutation/match.ts';
import { registerSource } from './Mutation/register-source.ts';
import { customer } from './Query/customer.ts';
import { identifier, rejectedRecords, sourceRecord, sources } from './Query/ingest.ts';
import { crosswalk, explainMatch, matchRules, reviewQueue } from './Query/match.ts';
import { serviceInfo } from './Query/service-info.ts';
import { DateTime } from './scalars/date-time.ts';
import { Identifier, RejectedRecord, SourceRecord, Source } from './types/ingest.ts';
import { Customer, MatchExplanation, ReviewItem, SourceRecordCustomer } from './types/match.ts';

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
    explainMatch,
    reviewQueue,
    crosswalk,
    matchRules,
  },
  Mutation: {
    registerSource,
    ingestRecord,
    ingestBatch,
    replayRejected,
    markDifferentPeople,
    setMatchRules,
    resolveAll,
  },
  Source,
  SourceRecord: { ...SourceRecord, ...SourceRecordCustomer },
  Identifier,
  Customer,
  MatchExplanation,
  ReviewItem,
  RejectedRecord,
};
