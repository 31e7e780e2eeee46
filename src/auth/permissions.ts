import type { IRules } from 'graphql-shield';
import { deny, or, rule, shield } from './shield.ts';
import type { Context } from '../context.ts';
import { DomainError } from '../errors/domain-error.ts';
import { hasRole, type Caller, type StaffRole } from './caller.ts';
import type { JobKind } from '../jobs/job.ts';

/**
 * Who may read and do what, read top to bottom. Nothing is allowed unless a rule here
 * allows it (fallbackRule: deny); a test walks the schema and fails on a field without a
 * rule. Masking of personal values is not decided here but in personal-fields.ts: a
 * rule decides whether a field can be read at all.
 *
 * Denials carry one message whatever the reason, so a refusal never tells a caller
 * whether the person or record asked about exists.
 */
const role = (...roles: StaffRole[]) => rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => hasRole(ctx.caller, ...roles));

const admin = role('admin');
const steward = role('admin', 'steward');
const auditor = role('admin', 'auditor');
const privacyOfficer = role('admin', 'privacy_officer');
const staff = role('admin', 'steward', 'agent', 'marketer', 'auditor', 'privacy_officer');
const anyCaller = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => Boolean(ctx.caller));

/** Who may write records into a source, over GraphQL and the NDJSON endpoint alike: admins, and that source's own keys. */
export const mayIngestInto = (caller: Caller, source: unknown): boolean =>
  hasRole(caller, 'admin') || (caller.kind === 'key' && caller.scope.kind === 'source' && caller.scope.source === source);

// no_cache: 'strict' would hash every argument, records included (a deep record overflowed the stack there).
const ingestIntoArgument = rule({ cache: 'no_cache' })((_parent, args: { source?: unknown }, ctx: Context) => mayIngestInto(ctx.caller, args.source));
const sourceKey = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => ctx.caller.kind === 'key' && ctx.caller.scope.kind === 'source');
const partnerKey = rule({ cache: 'contextual' })((_parent, _args, ctx: Context) => ctx.caller.kind === 'key' && ctx.caller.scope.kind === 'partner');
/** A partner key whose partner owns the namespace argument; a namespace that does not exist is refused the same way. */
const ownNamespace = rule({ cache: 'no_cache' })(async (_parent, args: { namespace?: unknown }, ctx: Context) => {
  const caller = ctx.caller;
  if (caller.kind !== 'key' || caller.scope.kind !== 'partner' || typeof args.namespace !== 'string') return false;
  return (await ctx.services.enrichment.ownerOf(args.namespace)) === caller.scope.partner;
});

/**
 * Who may start, and cancel, each kind of job; admins and stewards follow every job.
 * Re-resolution is stewardship (as resolveAll); training reads every record and produces
 * what a deployment may serve, so it is the admins'. Kinds to come: key rotation for
 * admins, exports for privacy officers.
 */
export const jobStarters: Readonly<Record<JobKind, readonly StaffRole[]>> = {
  RESOLVE_ALL: ['admin', 'steward'],
  TRAIN: ['admin'],
  // Rewrites only what is derived from stored golden records (search tokens, segment properties).
  REFRESH_VIEW: ['admin', 'steward'],
  // Reads and rewrites every encrypted value under the current key: the keys are the admins'.
  ROTATE_KEYS: ['admin'],
};
const mayRunJob = (caller: Caller, kind: unknown): boolean => typeof kind === 'string' && kind in jobStarters && hasRole(caller, ...jobStarters[kind as JobKind]);
const startsJobKind = rule({ cache: 'no_cache' })((_parent, args: { kind?: unknown }, ctx: Context) => mayRunJob(ctx.caller, args.kind));
/** The job's kind decides; an id that names no job goes through to NOT_FOUND for those who follow jobs. */
const cancelsJob = rule({ cache: 'no_cache' })(async (_parent, args: { id?: unknown }, ctx: Context) => {
  if (!hasRole(ctx.caller, 'admin', 'steward') || typeof args.id !== 'string') return false;
  const job = await ctx.services.jobs.get(args.id);
  return job === null || mayRunJob(ctx.caller, job.kind);
});

export const rules: IRules = {
  Query: {
    me: anyCaller,
    serviceInfo: staff,
    // The unified view: every member of staff, masked as personal-fields.ts says.
    customer: staff,
    sourceRecord: staff,
    identifier: staff,
    // Who someone is, by what a caller knows: as customer(id). Search fishes wider, so
    // only those who serve or look after customers one at a time (not marketers, who work
    // with segments, nor auditors, who read the trail).
    customerByIdentifier: staff,
    customersByIdentifier: staff,
    searchCustomers: role('admin', 'steward', 'agent', 'privacy_officer'),
    sources: staff,
    // Data stewardship.
    rejectedRecords: steward,
    dataQualityIssues: steward,
    dataQualitySummary: steward,
    reviewQueue: steward,
    reviewItems: steward,
    reviewItem: steward,
    reviewQueueStats: steward,
    previewMerge: steward,
    previewSplit: steward,
    crosswalk: steward,
    // Explanations and lineage: stewards and auditors.
    explainMatch: or(steward, auditor),
    matchRules: or(steward, auditor),
    matchModel: or(steward, auditor),
    previewResolveAll: steward,
    // Jobs: followed by admins and stewards; started and cancelled by kind (jobStarters).
    job: steward,
    jobs: steward,
    mergePath: or(steward, auditor),
    decisions: or(steward, auditor),
    attributeHistory: or(steward, auditor),
    // The identity graph: stewards, auditors, privacy officers, and agents (labels masked until the caller is verified); not marketers.
    identityGraph: or(steward, auditor, role('agent', 'privacy_officer')),
    // The audit trail itself.
    auditTrail: auditor,
    customerAccessLog: or(auditor, role('privacy_officer')),
    verifyAuditChain: auditor,
    // Credentials.
    apiKeys: admin,
    // Partner enrichment: admins register namespaces; a partner key writes and reads only its own.
    enrichmentNamespaces: admin,
    partnerEnrichment: ownNamespace,
    webhooks: admin,
    webhookDeliveries: admin,
    // Segments: marketers (and admins) define, count, page and export them.
    segment: role('admin', 'marketer'),
    countSegment: role('admin', 'marketer'),
    exportSegment: role('admin', 'marketer'),
    // Data subject requests: privacy officers (and admins) run them; auditors read them and their logs.
    privacyRequests: or(privacyOfficer, auditor),
    privacyRequest: or(privacyOfficer, auditor),
    privacyExportSchema: or(privacyOfficer, auditor),
    heldBackRecords: privacyOfficer,
  },
  Mutation: {
    ingestRecord: ingestIntoArgument,
    ingestBatch: ingestIntoArgument,
    replayRejected: steward,
    dismissRejection: steward,
    registerSource: steward,
    setMatchRules: steward,
    useModel: admin,
    markDifferentPeople: steward,
    resolveAll: steward,
    startJob: startsJobKind,
    cancelJob: cancelsJob,
    mergeCustomers: steward,
    splitCustomer: steward,
    unmergeCustomers: steward,
    liftDecision: steward,
    pinValue: steward,
    unpinValue: steward,
    approveReviews: steward,
    rejectReviews: steward,
    approveReviewItems: steward,
    rejectReviewItems: steward,
    assignReviewItem: steward,
    createApiKey: admin,
    revokeApiKey: admin,
    registerEnrichmentNamespace: admin,
    appendEnrichment: ownNamespace,
    // Step-up verification of a caller on the line: agents only (others see contact details by role, or never).
    verifyCaller: role('agent'),
    // Webhooks: admins only (a registration receives every change of its types).
    registerWebhook: admin,
    deleteWebhook: admin,
    replayWebhookDelivery: admin,
    createSegment: role('admin', 'marketer'),
    updateSegment: role('admin', 'marketer'),
    addToSuppressionList: role('admin', 'marketer'),
    openPrivacyRequest: privacyOfficer,
    verifyPrivacyRequester: privacyOfficer,
    extendPrivacyRequest: privacyOfficer,
    rejectPrivacyRequest: privacyOfficer,
    exportPersonalData: privacyOfficer,
    erasePerson: privacyOfficer,
    rectifyPersonalData: privacyOfficer,
    restrictProcessing: privacyOfficer,
    liftRestriction: privacyOfficer,
    decideConsentRequest: privacyOfficer,
    releaseHeldBackRecord: privacyOfficer,
    discardHeldBackRecord: privacyOfficer,
    // Consent (docs/consent.md): privacy officers record decisions received directly, and a
    // source's own key for its customers (checked in ConsentService.record).
    recordConsent: or(role('admin', 'privacy_officer'), sourceKey),
    setWebhookConsentPurpose: admin,
  },
  // Change events carry ids and attribute names: whoever may read customers may follow them.
  Subscription: {
    customerChanged: staff,
  },

  // What an ingest answers: its own counts and rejections, to whoever may ingest.
  IngestResult: or(admin, sourceKey),
  Rejection: or(admin, sourceKey),
  IngestIssue: or(admin, sourceKey),
  // Which records of a call were held back: its sender learns position and record id (no more than it sent).
  HeldBackIngest: or(admin, sourceKey),

  // Data subject requests.
  PrivacyRequest: or(privacyOfficer, auditor),
  PrivacyRequestStep: or(privacyOfficer, auditor),
  RequesterVerification: or(privacyOfficer, auditor),
  PrivacyExport: privacyOfficer,
  ErasureReport: privacyOfficer,
  HeldBackRecord: privacyOfficer,

  Me: anyCaller,
  Segment: role('admin', 'marketer'),
  SegmentMemberConnection: role('admin', 'marketer'),
  SegmentMemberEdge: role('admin', 'marketer'),
  SegmentPageInfo: role('admin', 'marketer'),
  SegmentExport: role('admin', 'marketer'),
  SegmentContact: role('admin', 'marketer'),
  SuppressedMember: role('admin', 'marketer'),
  ServiceInfo: staff,
  ApiKey: admin,
  CreatedApiKey: admin,
  EnrichmentNamespace: admin,
  EnrichmentResult: partnerKey,
  CallerVerification: role('agent'),

  // The unified view. Personal fields are masked for roles that may not see them in clear.
  Customer: staff,
  IdentifierHolders: staff,
  CustomerSearchConnection: staff,
  CustomerSearchEdge: staff,
  CustomerSearchPageInfo: staff,
  CustomerSearchMatch: staff,
  GoldenProfile: staff,
  GoldenValue: staff,
  GoldenListValue: staff,
  GoldenAddress: staff,
  KeptValue: staff,
  Provenance: staff,
  SourceRecord: staff,
  PersonName: staff,
  PostalAddress: staff,
  Identifier: staff,
  Interaction: staff,
  OrderLine: staff,
  // The 360 view's identifiers (values masked as personal-fields.ts says), activity summary and timeline: as interactions, every member of staff.
  CustomerIdentifier: staff,
  CustomerSummary: staff,
  MoneyAmount: staff,
  TimelineConnection: staff,
  TimelineEdge: staff,
  TimelinePageInfo: staff,
  Source: staff,
  // Staff see it on golden records, masked as personal-fields.ts says; partners only their own, through partnerEnrichment.
  Enrichment: or(staff, partnerKey),
  // Households and organisations: wherever the customer's profile is readable.
  Household: staff,
  HouseholdEvidence: staff,
  Organisation: staff,
  IdentityGraph: or(steward, auditor, role('agent', 'privacy_officer')),
  GraphNode: or(steward, auditor, role('agent', 'privacy_officer')),
  GraphEdge: or(steward, auditor, role('agent', 'privacy_officer')),

  // Stewardship.
  RejectedRecord: steward,
  DataQualityIssue: steward,
  DataQualityCount: steward,
  CustomerPreview: steward,
  MergeResult: steward,
  SplitResult: steward,
  ReviewItem: steward,
  ReviewPair: steward,
  ReviewQueueStats: steward,
  ReviewDecisionResult: steward,
  ReviewItemDecisionResult: steward,
  CrosswalkEntry: steward,
  MatchDecisionResult: steward,
  ResolveReport: steward,
  ResolvePreview: steward,
  CustomerSizes: steward,
  PlannedCustomer: steward,
  HeldBackCounts: steward,
  Job: steward,
  TrainResult: steward,
  RefreshViewResult: steward,
  // Which key ids stored values still name: the admins', who hold the keys.
  KeyRotationResult: admin,
  KeyUsage: admin,
  MatchExplanation: or(steward, auditor),
  ExplanationPrior: or(steward, auditor),
  ExplanationStep: or(steward, auditor),
  MatchRule: or(steward, auditor),
  MatchModelInfo: or(steward, auditor),

  // Lineage and audit.
  LineageStep: or(steward, auditor),
  StewardDecision: or(steward, auditor),
  DecisionRecord: or(steward, auditor),
  LiftDecisionResult: steward,
  AttributeChange: or(steward, auditor),
  AuditEntry: or(auditor, role('privacy_officer')),
  AuditChainStatus: auditor,

  // Change events out.
  CustomerChange: staff,
  Webhook: admin,
  WebhookRegistration: admin,
  WebhookDelivery: admin,
  WebhookAttempt: admin,

  // Consent: the effective consent to every member of staff (marketers need it to plan
  // campaigns) and to the source key that just recorded a decision; the history, with its
  // evidence, to those who answer for it: privacy officers, stewards and agents.
  CustomerConsent: {
    customerId: or(staff, sourceKey),
    slots: or(staff, sourceKey),
    marketingAllowed: or(staff, sourceKey),
    objection: or(staff, sourceKey),
    doNotSell: or(staff, sourceKey),
    computedAt: or(staff, sourceKey),
    history: role('admin', 'privacy_officer', 'steward', 'agent'),
  },
  EffectiveConsentSlot: or(staff, sourceKey),
  ConsentHistoryEntry: role('admin', 'privacy_officer', 'steward', 'agent'),
};

/** The one FORBIDDEN a refused caller sees. */
export const forbidden = () => new DomainError('FORBIDDEN', 'Denied by access rules', { clientMessage: 'Not allowed for this caller' });

export function permissions() {
  return shield(rules, {
    fallbackRule: deny,
    fallbackError: forbidden,
    // Errors a resolver throws (bad input, not found) reach formatError as they are.
    allowExternalErrors: true,
    debug: false,
  });
}
