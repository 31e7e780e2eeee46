import { JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../src/generated/graphql.ts';
import { dismissRejection, ingestBatch, ingestRecord, replayRejected } from './Mutation/ingest.ts';
import { markDifferentPeople, resolveAll, setMatchRules, useModel } from './Mutation/match.ts';
import { registerSource } from './Mutation/register-source.ts';
import { createApiKey, revokeApiKey } from './Mutation/auth.ts';
import { verifyCaller } from './Mutation/verification.ts';
import { apiKeys, me } from './Query/auth.ts';
import { customer } from './Query/customer.ts';
import { customerByIdentifier, customersByIdentifier, searchCustomers } from './Query/lookup.ts';
import { dataQualityIssues, dataQualitySummary } from './Query/data-quality.ts';
import { identifier, rejectedRecords, sourceRecord, sources } from './Query/ingest.ts';
import { crosswalk, explainMatch, matchModel, matchRules, previewResolveAll, reviewQueue } from './Query/match.ts';
import { serviceInfo } from './Query/service-info.ts';
import { approveReviewItems, approveReviews, assignReviewItem, rejectReviewItems, rejectReviews } from './Mutation/review.ts';
import { mergeCustomers, pinValue, splitCustomer, unmergeCustomers, unpinValue } from './Mutation/golden.ts';
import { attributeHistory, auditTrail, customerAccessLog, mergePath, verifyAuditChain } from './Query/audit.ts';
import { previewMerge, previewSplit } from './Query/golden.ts';
import { reviewItem, reviewItems, reviewQueueStats } from './Query/review.ts';
import { AttributeChange, AuditChainStatus, AuditEntry, LineageStep } from './types/audit.ts';
import { CustomerGolden, CustomerPreview, GoldenAddress, GoldenListValue, GoldenProfile, GoldenValue, Provenance } from './types/golden.ts';
import { DateTime } from './scalars/date-time.ts';
import { Identifier, RejectedRecord, SourceRecord, Source } from './types/ingest.ts';
import { Customer, MatchExplanation, SourceRecordCustomer } from './types/match.ts';
import { ReviewDecisionResult, ReviewItem, ReviewItemDecisionResult, ReviewPair } from './types/review.ts';
import { CallerVerification } from './types/verification.ts';
import { appendEnrichment, registerEnrichmentNamespace } from './Mutation/enrichment.ts';
import { enrichmentNamespaces, partnerEnrichment } from './Query/enrichment.ts';
import { CustomerEnrichment } from './types/enrichment.ts';
import { CustomerProfile, CustomerSummary } from './types/profile.ts';
import { cancelJob, startJob } from './Mutation/jobs.ts';
import { job, jobs } from './Query/jobs.ts';
import { Job, JobResult, TrainResult } from './types/jobs.ts';
import { decisions } from './Query/decisions.ts';
import { liftDecision } from './Mutation/decisions.ts';
import { DecisionRecord, LiftDecisionResult, StewardDecision } from './types/decisions.ts';
import { deleteWebhook, registerWebhook, replayWebhookDelivery } from './Mutation/events.ts';
import { webhookDeliveries, webhooks } from './Query/events.ts';
import { customerChanged } from './Subscription/events.ts';
import { CustomerChange } from './types/events.ts';
import { identityGraph } from './Query/relationships.ts';
import { countSegment, exportSegment, segment } from './Query/segments.ts';
import { addToSuppressionList, createSegment, updateSegment } from './Mutation/segments.ts';
import { Segment, SegmentMemberEdge } from './types/segments.ts';
import { recordConsent, setWebhookConsentPurpose } from './Mutation/consent.ts';
import { ConsentHistoryEntry, CustomerConsent, CustomerConsentField, EffectiveConsentSlot } from './types/consent.ts';
import { heldBackRecords, privacyExportSchema, privacyRequest, privacyRequests } from './Query/privacy.ts';
import {
  decideConsentRequest,
  discardHeldBackRecord,
  erasePerson,
  exportPersonalData,
  extendPrivacyRequest,
  liftRestriction,
  openPrivacyRequest,
  rectifyPersonalData,
  rejectPrivacyRequest,
  releaseHeldBackRecord,
  restrictProcessing,
  verifyPrivacyRequester,
} from './Mutation/privacy.ts';
import { CustomerRelationships, GraphNode, Household, HouseholdEvidence, Organisation } from './types/relationships.ts';

export const resolvers: Resolvers = {
  DateTime,
  JSON: JSONResolver,
  Query: {
    me,
    apiKeys,
    customer,
    customerByIdentifier,
    customersByIdentifier,
    searchCustomers,
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
    matchModel,
    previewResolveAll,
    previewMerge,
    previewSplit,
    reviewItems,
    reviewItem,
    reviewQueueStats,
    auditTrail,
    mergePath,
    decisions,
    attributeHistory,
    customerAccessLog,
    verifyAuditChain,
    enrichmentNamespaces,
    partnerEnrichment,
    job,
    jobs,
    identityGraph,
    webhooks,
    webhookDeliveries,
    segment,
    countSegment,
    exportSegment,
    privacyRequests,
    privacyRequest,
    privacyExportSchema,
    heldBackRecords,
  },
  Mutation: {
    createApiKey,
    revokeApiKey,
    verifyCaller,
    registerSource,
    ingestRecord,
    ingestBatch,
    replayRejected,
    dismissRejection,
    markDifferentPeople,
    setMatchRules,
    useModel,
    resolveAll,
    mergeCustomers,
    splitCustomer,
    unmergeCustomers,
    liftDecision,
    pinValue,
    unpinValue,
    approveReviews,
    rejectReviews,
    approveReviewItems,
    rejectReviewItems,
    assignReviewItem,
    registerEnrichmentNamespace,
    appendEnrichment,
    startJob,
    cancelJob,
    registerWebhook,
    deleteWebhook,
    replayWebhookDelivery,
    createSegment,
    updateSegment,
    addToSuppressionList,
    openPrivacyRequest,
    verifyPrivacyRequester,
    extendPrivacyRequest,
    rejectPrivacyRequest,
    exportPersonalData,
    erasePerson,
    rectifyPersonalData,
    restrictProcessing,
    liftRestriction,
    decideConsentRequest,
    releaseHeldBackRecord,
    discardHeldBackRecord,
    recordConsent,
    setWebhookConsentPurpose,
  },
  Subscription: {
    customerChanged,
  },
  Source,
  SourceRecord: { ...SourceRecord, ...SourceRecordCustomer },
  Identifier,
  Customer: { ...Customer, ...CustomerGolden, ...CustomerEnrichment, ...CustomerProfile, ...CustomerRelationships, ...CustomerConsentField },
  MatchExplanation,
  ReviewItem,
  ReviewPair,
  RejectedRecord,
  GoldenProfile,
  GoldenValue,
  GoldenListValue,
  GoldenAddress,
  Provenance,
  CustomerPreview,
  CustomerSummary,
  ReviewDecisionResult,
  ReviewItemDecisionResult,
  AuditEntry,
  LineageStep,
  AttributeChange,
  AuditChainStatus,
  CallerVerification,
  Job,
  JobResult,
  TrainResult,
  StewardDecision,
  LiftDecisionResult,
  DecisionRecord,
  CustomerChange,
  Household,
  HouseholdEvidence,
  Organisation,
  GraphNode,
  Segment,
  SegmentMemberEdge,
  CustomerConsent,
  EffectiveConsentSlot,
  ConsentHistoryEntry,
};
