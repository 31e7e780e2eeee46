import { JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../src/generated/graphql.ts';
import { ingestBatch, ingestRecord, replayRejected } from './Mutation/ingest.ts';
import { markDifferentPeople, resolveAll, setMatchRules } from './Mutation/match.ts';
import { registerSource } from './Mutation/register-source.ts';
import { createApiKey, revokeApiKey } from './Mutation/auth.ts';
import { verifyCaller } from './Mutation/verification.ts';
import { apiKeys, me } from './Query/auth.ts';
import { customer } from './Query/customer.ts';
import { dataQualityIssues, dataQualitySummary } from './Query/data-quality.ts';
import { identifier, rejectedRecords, sourceRecord, sources } from './Query/ingest.ts';
import { crosswalk, explainMatch, matchRules, previewResolveAll, reviewQueue } from './Query/match.ts';
import { serviceInfo } from './Query/service-info.ts';
import { approveReviews, rejectReviews } from './Mutation/review.ts';
import { mergeCustomers, pinValue, splitCustomer, unmergeCustomers, unpinValue } from './Mutation/golden.ts';
import { attributeHistory, auditTrail, customerAccessLog, mergePath, verifyAuditChain } from './Query/audit.ts';
import { previewMerge, previewSplit } from './Query/golden.ts';
import { reviewItems, reviewQueueStats } from './Query/review.ts';
import { AttributeChange, AuditChainStatus, AuditEntry, LineageStep } from './types/audit.ts';
import { CustomerGolden, CustomerPreview, GoldenAddress, GoldenListValue, GoldenProfile, GoldenValue, Provenance, ReviewDecisionResult } from './types/golden.ts';
import { DateTime } from './scalars/date-time.ts';
import { Identifier, RejectedRecord, SourceRecord, Source } from './types/ingest.ts';
import { Customer, MatchExplanation, ReviewItem, SourceRecordCustomer } from './types/match.ts';
import { CallerVerification } from './types/verification.ts';
import { appendEnrichment, registerEnrichmentNamespace } from './Mutation/enrichment.ts';
import { enrichmentNamespaces, partnerEnrichment } from './Query/enrichment.ts';
import { CustomerEnrichment } from './types/enrichment.ts';

export const resolvers: Resolvers = {
  DateTime,
  JSON: JSONResolver,
  Query: {
    me,
    apiKeys,
    customer,
    serviceInfo,
    sources,
    sourceRecord,
    identifier,
    rejectedRecords,
    dataQualityIssues,
    dataQualitySummary,
    explainMatch,
    reviewQueue,
    crosswalk,
    matchRules,
    previewResolveAll,
    previewMerge,
    previewSplit,
    reviewItems,
    reviewQueueStats,
    auditTrail,
    mergePath,
    attributeHistory,
    customerAccessLog,
    verifyAuditChain,
    enrichmentNamespaces,
    partnerEnrichment,
  },
  Mutation: {
    createApiKey,
    revokeApiKey,
    verifyCaller,
    registerSource,
    ingestRecord,
    ingestBatch,
    replayRejected,
    markDifferentPeople,
    setMatchRules,
    resolveAll,
    mergeCustomers,
    splitCustomer,
    unmergeCustomers,
    pinValue,
    unpinValue,
    approveReviews,
    rejectReviews,
    registerEnrichmentNamespace,
    appendEnrichment,
  },
  Source,
  SourceRecord: { ...SourceRecord, ...SourceRecordCustomer },
  Identifier,
  Customer: { ...Customer, ...CustomerGolden, ...CustomerEnrichment },
  MatchExplanation,
  ReviewItem,
  RejectedRecord,
  GoldenProfile,
  GoldenValue,
  GoldenListValue,
  GoldenAddress,
  Provenance,
  CustomerPreview,
  ReviewDecisionResult,
  AuditEntry,
  LineageStep,
  AttributeChange,
  AuditChainStatus,
  CallerVerification,
};
