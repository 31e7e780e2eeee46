/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AffiliationRole =
  /** A billing account's company: the organisation that holds the account. */
  | 'ACCOUNT_HOLDER'
  /** A CRM contact's account, or another source's organisation: where the person works. */
  | 'EMPLOYER';

/**
 * A chain position recorded outside the database: the API logs one ('audit chain sealed')
 * after every seal. The chain must still have this hash at this seq.
 */
export type AuditAnchorInput = {
  /** sha256, 64 lower-case hex digits. */
  hash: string;
  seq: number;
};

export type AuditOperation =
  | 'CANNOT_LINK'
  | 'CONSENT_RECORD'
  | 'DECISION_LIFT'
  | 'ENRICHMENT_APPEND'
  | 'ENRICHMENT_REGISTER'
  | 'INGEST'
  | 'JOB_CANCEL'
  | 'JOB_FINISH'
  | 'JOB_START'
  | 'KEY_CREATE'
  | 'KEY_REVOKE'
  | 'MERGE'
  | 'MODEL_SET'
  | 'PIN'
  | 'PRIVACY_ERASE'
  | 'PRIVACY_EXPORT'
  | 'PRIVACY_HELD_BACK'
  | 'PRIVACY_HELD_BACK_DISCARD'
  | 'PRIVACY_HELD_BACK_RELEASE'
  | 'PRIVACY_RECTIFY'
  | 'PRIVACY_REQUEST_OPEN'
  | 'PRIVACY_REQUEST_STEP'
  | 'PRIVACY_REQUEST_VERIFY'
  | 'PRIVACY_RESTRICT'
  | 'PRIVACY_UNRESTRICT'
  | 'READ_PROFILE'
  | 'REJECTION_DISMISS'
  | 'REJECTION_REPLAY'
  | 'RESOLVE_ALL'
  | 'REVIEW_APPROVE'
  | 'REVIEW_ASSIGN'
  | 'REVIEW_REJECT'
  | 'RULES_SET'
  | 'SEGMENT_CREATE'
  | 'SEGMENT_EXPORT'
  | 'SEGMENT_UPDATE'
  | 'SOURCE_REGISTER'
  | 'SPLIT'
  | 'SUPPRESSION_ADD'
  | 'UNDO'
  | 'UNMERGE'
  | 'UNPIN'
  | 'VERIFY_FAIL'
  | 'VERIFY_LOCK'
  | 'VERIFY_UNLOCK'
  | 'WEBHOOK_DELETE'
  | 'WEBHOOK_PURPOSE'
  | 'WEBHOOK_REGISTER'
  | 'WEBHOOK_REPLAY';

export type ConsentDecision =
  | 'DECLINED'
  | 'UPHELD';

export type CustomerMatchKind =
  | 'EXACT'
  /** Within one or two typing errors (Smyth for Smith). */
  | 'FUZZY'
  /** A nickname of the given name (Bill for William). */
  | 'NICKNAME'
  /** Sounds alike (Double Metaphone: Kathryn for Catherine). */
  | 'PHONETIC';

export type CustomerSearchField =
  | 'DATE_OF_BIRTH'
  | 'EMAIL'
  | 'NAME'
  | 'PHONE'
  | 'POSTCODE';

export type CustomerStatus =
  | 'ACTIVE'
  /** Merged into another customer; `mergedInto` names it. */
  | 'MERGED';

/** Why a value was left out of the record that carried it. */
export type DataQualityCode =
  | 'INVALID_CONSENT'
  /** Not an ISO 3166-1 country. */
  | 'INVALID_COUNTRY'
  /** Not a date in the expected format, or a day the calendar does not have. */
  | 'INVALID_DATE'
  /** Not an e-mail address. */
  | 'INVALID_EMAIL'
  /** Not a phone number: no number of a possible length in the record's country, or as an international number. */
  | 'INVALID_PHONE';

export type DecisionKind =
  /** A steward said two records are different people: they never share a customer. */
  | 'CANNOT_LINK'
  /** A steward merged these records' customers: they stay together through every resolution. */
  | 'MUST_LINK'
  /** A steward pinned a golden value: it wins over the survivorship rules. */
  | 'PIN'
  /** A steward split records off: the two sides never share a customer. */
  | 'SPLIT';

export type ExportChannel =
  | 'EMAIL'
  | 'PHONE'
  | 'POST'
  | 'SMS';

export type GoldenAttribute =
  | 'ADDRESS'
  | 'DATE_OF_BIRTH'
  | 'EMAIL'
  | 'FAMILY_NAME'
  | 'FULL_NAME'
  | 'GIVEN_NAME'
  | 'MIDDLE_NAME'
  | 'ORGANISATION'
  | 'PHONE'
  | 'TITLE';

export type GraphEdgeKind =
  | 'AFFILIATED_WITH'
  | 'BELONGS_TO'
  | 'HAS_IDENTIFIER'
  | 'MEMBER_OF'
  | 'MERGED_INTO'
  | 'MOVED_FROM'
  | 'MOVED_TO';

export type GraphNodeKind =
  | 'CUSTOMER'
  | 'HOUSEHOLD'
  | 'IDENTIFIER'
  | 'LINEAGE_EVENT'
  | 'ORGANISATION'
  | 'SOURCE_RECORD';

export type HeldBackStatus =
  | 'DISCARDED'
  | 'HELD'
  | 'RELEASED';

/** How a household's members are tied: a postal address or a landline (home phone; mobiles never) they share. */
export type HouseholdEvidenceKind =
  | 'ADDRESS'
  | 'LANDLINE';

/** The kinds of identifying value a customer can be looked up by (the canonical identifier types). */
export type IdentifierType =
  | 'ACCOUNT_NUMBER'
  | 'COOKIE'
  | 'CUSTOMER_NUMBER'
  | 'DEVICE'
  | 'EMAIL'
  | 'LOYALTY_NUMBER'
  | 'NATIONAL_ID'
  | 'PHONE'
  | 'TAX_ID'
  | 'USER_ID';

export type LineageKind =
  | 'MERGE'
  | 'SPLIT'
  /** A split, unmerge or merge undone: its records went back. */
  | 'UNDO'
  | 'UNMERGE';

export type MatchDecision =
  | 'LINK'
  | 'NO_LINK'
  | 'REVIEW';

export type PrivacyRequestFilter = {
  customerId?: string | number | null | undefined;
  kind?: Array<PrivacyRequestKind> | null | undefined;
  /** Only requests past due and not closed. */
  overdue?: boolean | null | undefined;
  status?: Array<PrivacyRequestStatus> | null | undefined;
};

/** What a data subject asks for (GDPR Art. 15-18, 20, 21; CCPA). */
export type PrivacyRequestKind =
  /** A copy of everything held about the person (Art. 15). */
  | 'ACCESS'
  /** Do not sell or share (CCPA): decided here, acted on by consent. */
  | 'DO_NOT_SELL'
  /** Erase the person (Art. 17; CCPA deletion). */
  | 'ERASURE'
  /** Object to processing (Art. 21): decided here, acted on by consent. */
  | 'OBJECTION'
  /** The same machine-readable document, for moving it elsewhere (Art. 20). */
  | 'PORTABILITY'
  /** Correct a value (Art. 16): recorded as a steward pin with the request as its reason. */
  | 'RECTIFICATION'
  /** Restrict processing (Art. 18): out of segments, exports, webhooks and automatic matching. */
  | 'RESTRICTION';

export type PrivacyRequestStatus =
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'RECEIVED'
  | 'REJECTED'
  /** The requester's identity was checked. */
  | 'VERIFIED';

export type RecordRef = {
  source: string;
  sourceRecordId: string;
};

/** How the requester's identity was checked. The document itself is never stored. */
export type RequesterVerificationMethod =
  | 'ACCOUNT_LOGIN'
  | 'AUTHORISED_AGENT'
  | 'EMAIL_CONFIRMATION'
  | 'ID_DOCUMENT_SEEN'
  | 'KNOWLEDGE_CHECK'
  | 'OTHER';

export type ReviewOrder =
  /** Oldest first (an item's oldest pair), then by score and id. */
  | 'AGE'
  /** Highest match probability first (an item's best pair), then by id. */
  | 'SCORE';

export type ReviewOutcome =
  | 'ALREADY_TOGETHER'
  | 'FAILED'
  | 'KEPT_APART'
  | 'MERGED';

export type ReviewReason =
  /** The pair scored a link, but joining would grow a customer past MATCH_MAX_CUSTOMER_RECORDS. */
  | 'CLUSTER_SIZE_LIMIT'
  /** The customer is under a privacy restriction: no record joins it automatically. */
  | 'RESTRICTED'
  /** The pair scored between the review and link thresholds. */
  | 'UNCERTAIN'
  /** The pair scored a link, but it was the only evidence joining two customers of several records each (docs/matching-model.md). */
  | 'WEAK_BRIDGE';

export type SplitTarget =
  /** Each record goes back to the customer it was in before the merge that brought it. */
  | 'EARLIER_CUSTOMER'
  /** The records start one new customer. */
  | 'NEW_CUSTOMER';

/** Which survivorship rule chose a golden value. */
export type SurvivorshipRule =
  | 'FIRST_NON_EMPTY'
  | 'MOST_FREQUENT'
  | 'MOST_RECENT'
  /** Only one value was on offer. */
  | 'ONLY_VALUE'
  /** A data steward pinned it by hand. */
  | 'PINNED'
  | 'SOURCE_PRIORITY'
  /** Several values were still level after every rule; the smallest record key won. */
  | 'TIE_BREAK';

/** Something a caller can be asked to prove who they are. */
export type VerificationFactor =
  | 'DATE_OF_BIRTH'
  | 'EMAIL'
  /** The last four digits of one of the customer's phone numbers. */
  | 'LAST_FOUR_OF_PHONE'
  | 'POSTCODE';

export type VerificationStatus =
  /** Too few answers matched. */
  | 'FAILED'
  /** Too many failures: verification of this customer is refused for this agent until lockedUntil, whatever the answers. */
  | 'LOCKED'
  /** Enough answers matched: the customer's contact details are in clear for this agent until unlockedUntil. */
  | 'UNLOCKED';

/**
 * What the caller on the line says about themselves, as the agent types it. Give at least as
 * many answers as verification needs (two by default); a malformed answer is refused before
 * anything is checked and counts as no attempt.
 */
export type VerifyCallerAnswers = {
  /** In any format ingestion reads, as long as it cannot be misread: 1990-04-03, 3 April 1990, 31/12/1990. */
  dateOfBirth?: string | null | undefined;
  /** Any of the customer's e-mail addresses. */
  email?: string | null | undefined;
  /** The last four digits of any of the customer's phone numbers. */
  lastFourOfPhone?: string | null | undefined;
  /** Any of the customer's postcodes; case and spaces do not matter. */
  postcode?: string | null | undefined;
};

export type ConsoleMeQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMeQuery = { me: { id: string, roles: Array<string> } };

export type AuditTrailAccessLogQueryVariables = Exact<{
  id: string | number;
  from: string;
  to: string;
}>;


export type AuditTrailAccessLogQuery = { customerAccessLog: Array<{ id: string, seq: number | null, at: string, actor: string, role: string, requestId: string | null, operation: AuditOperation, fields: Array<string>, detail: unknown }> };

export type AuditTrailAttributeHistoryQueryVariables = Exact<{
  id: string | number;
  attribute: GoldenAttribute;
}>;


export type AuditTrailAttributeHistoryQuery = { attributeHistory: Array<{ customerId: string, at: string, value: string | null, rule: SurvivorshipRule | null, source: string | null, sourceRecordId: string | null, actor: string, role: string }> };

export type AuditTrailVerifyChainQueryVariables = Exact<{
  anchors?: Array<AuditAnchorInput> | AuditAnchorInput | null | undefined;
}>;


export type AuditTrailVerifyChainQuery = { verifyAuditChain: { ok: boolean, entries: number, head: string | null, brokenAtSeq: number | null, brokenEntryId: string | null, brokenReason: string | null } };

export type AuditTrailDecisionsQueryVariables = Exact<{
  id: string | number;
}>;


export type AuditTrailDecisionsQuery = { decisions: Array<{ id: string, kind: DecisionKind, at: string, by: string, reason: string | null, attribute: GoldenAttribute | null, records: Array<{ source: string, sourceRecordId: string }>, otherRecords: Array<{ source: string, sourceRecordId: string }> }> };

export type AuditTrailMergePathQueryVariables = Exact<{
  id: string | number;
}>;


export type AuditTrailMergePathQuery = { mergePath: Array<{ id: string, kind: LineageKind, at: string, actor: string, role: string, reason: string | null, evidence: unknown, records: number, undoes: string | null, from: string, into: string }> };

export type AuditTrailLineageEntriesQueryVariables = Exact<{
  id: string | number;
}>;


export type AuditTrailLineageEntriesQuery = { auditTrail: Array<{ id: string, operation: AuditOperation, recordKeys: Array<string>, detail: unknown }> };

export type IdentityGraphExplainQueryVariables = Exact<{
  a: RecordRef;
  b: RecordRef;
}>;


export type IdentityGraphExplainQuery = { explainMatch: { decision: MatchDecision, rule: string, probability: number, sentence: string, stored: boolean, modelVersion: string } };

export type IdentityGraphHouseholdQueryVariables = Exact<{
  id: string | number;
}>;


export type IdentityGraphHouseholdQuery = { customer: { id: string, household: { id: string, evidence: Array<{ kind: HouseholdEvidenceKind, value: string, records: Array<string> }> } | null, organisations: Array<{ id: string, name: string, role: AffiliationRole, sources: Array<string> }> } | null };

export type IdentityGraphLineageQueryVariables = Exact<{
  id: string | number;
}>;


export type IdentityGraphLineageQuery = { mergePath: Array<{ id: string, kind: LineageKind, at: string, actor: string, role: string, reason: string | null, records: number, from: string, into: string }> };

export type IdentityGraphQueryVariables = Exact<{
  id: string | number;
  depth?: number | null | undefined;
}>;


export type IdentityGraphQuery = { identityGraph: { truncated: boolean, nodes: Array<{ id: string, kind: GraphNodeKind, label: string, hub: boolean, ref: string | null }>, edges: Array<{ from: string, to: string, kind: GraphEdgeKind }> } };

export type PrivacyDeskRequestsQueryVariables = Exact<{
  filter?: PrivacyRequestFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type PrivacyDeskRequestsQuery = { privacyRequests: Array<{ id: string, kind: PrivacyRequestKind, customerId: string, status: PrivacyRequestStatus, receivedAt: string, dueAt: string, overdue: boolean, extensionReason: string | null, openedBy: string, consentDecision: ConsentDecision | null, closedAt: string | null, verification: { method: RequesterVerificationMethod, reference: string, verifiedBy: string, verifiedAt: string } | null, log: Array<{ at: string, step: string, status: PrivacyRequestStatus | null, actor: string, role: string, note: string | null }> }> };

export type PrivacyDeskRequestQueryVariables = Exact<{
  id: string | number;
}>;


export type PrivacyDeskRequestQuery = { privacyRequest: { id: string, kind: PrivacyRequestKind, customerId: string, status: PrivacyRequestStatus, receivedAt: string, dueAt: string, overdue: boolean, extensionReason: string | null, openedBy: string, consentDecision: ConsentDecision | null, closedAt: string | null, verification: { method: RequesterVerificationMethod, reference: string, verifiedBy: string, verifiedAt: string } | null, log: Array<{ at: string, step: string, status: PrivacyRequestStatus | null, actor: string, role: string, note: string | null }> } | null };

export type PrivacyDeskOpenMutationVariables = Exact<{
  kind: PrivacyRequestKind;
  customerId: string | number;
  receivedAt?: string | null | undefined;
  note?: string | null | undefined;
}>;


export type PrivacyDeskOpenMutation = { openPrivacyRequest: { id: string } };

export type PrivacyDeskVerifyMutationVariables = Exact<{
  id: string | number;
  method: RequesterVerificationMethod;
  reference: string;
}>;


export type PrivacyDeskVerifyMutation = { verifyPrivacyRequester: { id: string, status: PrivacyRequestStatus } };

export type PrivacyDeskExtendMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type PrivacyDeskExtendMutation = { extendPrivacyRequest: { id: string, dueAt: string } };

export type PrivacyDeskRejectMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type PrivacyDeskRejectMutation = { rejectPrivacyRequest: { id: string, status: PrivacyRequestStatus } };

export type PrivacyDeskExportMutationVariables = Exact<{
  requestId: string | number;
}>;


export type PrivacyDeskExportMutation = { exportPersonalData: { requestId: string, customerId: string, generatedAt: string, document: unknown } };

export type PrivacyDeskRestrictMutationVariables = Exact<{
  requestId: string | number;
}>;


export type PrivacyDeskRestrictMutation = { restrictProcessing: { id: string, status: PrivacyRequestStatus } };

export type PrivacyDeskDecideConsentMutationVariables = Exact<{
  requestId: string | number;
  decision: ConsentDecision;
}>;


export type PrivacyDeskDecideConsentMutation = { decideConsentRequest: { id: string, status: PrivacyRequestStatus } };

export type PrivacyDeskErasureScopeQueryVariables = Exact<{
  id: string | number;
}>;


export type PrivacyDeskErasureScopeQuery = { customer: { id: string, requestedId: string, redirected: boolean, status: CustomerStatus, records: Array<{ source: string, sourceRecordId: string }>, identifiers: Array<{ type: string }>, summary: { interactionCount: number, orderCount: number } } | null };

export type PrivacyDeskEraseMutationVariables = Exact<{
  requestId: string | number;
}>;


export type PrivacyDeskEraseMutation = { erasePerson: { complete: boolean, customers: number, records: number, identifierCount: number, sharedIdentifierCount: number, interactions: number, tombstoneKeys: number, auditEntriesRedacted: number, legacyAuditEntries: number, request: { id: string, status: PrivacyRequestStatus } } };

export type PrivacyDeskHeldBackQueryVariables = Exact<{
  status?: HeldBackStatus | null | undefined;
}>;


export type PrivacyDeskHeldBackQuery = { heldBackRecords: Array<{ id: string, source: string, requestId: string, matchedOn: Array<string>, at: string, status: HeldBackStatus, decidedBy: string | null, decidedAt: string | null }> };

export type PrivacyDeskReleaseMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type PrivacyDeskReleaseMutation = { releaseHeldBackRecord: { id: string, status: HeldBackStatus } };

export type PrivacyDeskDiscardMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type PrivacyDeskDiscardMutation = { discardHeldBackRecord: { id: string, status: HeldBackStatus } };

export type PrivacyDeskFindQueryVariables = Exact<{
  q: string;
}>;


export type PrivacyDeskFindQuery = { searchCustomers: { edges: Array<{ node: { id: string, profile: { recordCount: number, fullName: { value: string } | null } | null } }> } };

export type SegmentsExportQueryVariables = Exact<{
  id: string | number;
  channel: ExportChannel;
  after?: string | null | undefined;
  thirdParty?: boolean | null | undefined;
}>;


export type SegmentsExportQuery = { exportSegment: { contacts: Array<{ customerId: string, value: string }>, suppressed: Array<{ customerId: string, reason: string }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SegmentsCountQueryVariables = Exact<{
  definition: unknown;
}>;


export type SegmentsCountQuery = { countSegment: number };

export type SegmentsCreateMutationVariables = Exact<{
  name: string;
  definition: unknown;
}>;


export type SegmentsCreateMutation = { createSegment: { id: string, name: string, version: number, count: number, members: { edges: Array<{ node: { id: string, summary: { orderCount: number, openTicketCount: number, lastInteractionAt: string | null, lifetimeValue: Array<{ currency: string, amount: number }> } } }>, pageInfo: { hasNextPage: boolean } } } };

export type SegmentsUpdateMutationVariables = Exact<{
  id: string | number;
  definition: unknown;
}>;


export type SegmentsUpdateMutation = { updateSegment: { id: string, name: string, version: number, count: number, members: { edges: Array<{ node: { id: string, summary: { orderCount: number, openTicketCount: number, lastInteractionAt: string | null, lifetimeValue: Array<{ currency: string, amount: number }> } } }>, pageInfo: { hasNextPage: boolean } } } };

export type SegmentsLoadQueryVariables = Exact<{
  id: string | number;
}>;


export type SegmentsLoadQuery = { segment: { id: string, name: string, version: number, definition: unknown, count: number, members: { edges: Array<{ node: { id: string, summary: { orderCount: number, openTicketCount: number, lastInteractionAt: string | null, lifetimeValue: Array<{ currency: string, amount: number }> } } }>, pageInfo: { hasNextPage: boolean } } } | null };

export type StewardDataQualitySummaryQueryVariables = Exact<{ [key: string]: never; }>;


export type StewardDataQualitySummaryQuery = { dataQualitySummary: Array<{ source: string, code: DataQualityCode, issues: number, records: number }> };

export type StewardDataQualityIssuesQueryVariables = Exact<{
  source: string;
}>;


export type StewardDataQualityIssuesQuery = { dataQualityIssues: Array<{ id: string, sourceRecordId: string, field: Array<string>, code: DataQualityCode, reason: string, raw: string, at: string }> };

export type StewardApproveMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
  reason?: string | null | undefined;
}>;


export type StewardApproveMutation = { approveReviewItems: Array<{ id: string, outcome: ReviewOutcome, pairs: number, customerId: string | null, errorCode: string | null, errorMessage: string | null }> };

export type StewardRejectMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
  reason?: string | null | undefined;
}>;


export type StewardRejectMutation = { rejectReviewItems: Array<{ id: string, outcome: ReviewOutcome, pairs: number, customerId: string | null, errorCode: string | null, errorMessage: string | null }> };

export type StewardGoldenFragment = { recordCount: number, fullName: { value: string } | null, givenName: { value: string } | null, familyName: { value: string } | null, dateOfBirth: { value: string } | null, emails: Array<{ value: string, preferred: boolean }>, phones: Array<{ value: string, preferred: boolean }>, addresses: Array<{ value: string, postcode: string | null, preferred: boolean }> };

export type StewardMergePathQueryVariables = Exact<{
  id: string | number;
}>;


export type StewardMergePathQuery = { mergePath: Array<{ id: string, kind: LineageKind, at: string, actor: string, role: string, reason: string | null, records: number, undoes: string | null, from: string, into: string }> };

export type StewardUnmergeMutationVariables = Exact<{
  eventId: string | number;
  reason: string;
}>;


export type StewardUnmergeMutation = { unmergeCustomers: { eventIds: Array<string>, from: { id: string }, to: Array<{ id: string }> } };

export type StewardPreviewMergeQueryVariables = Exact<{
  a: string | number;
  b: string | number;
}>;


export type StewardPreviewMergeQuery = { previewMerge: { dryRun: boolean, mergedAway: string, survivor: { id: string, profile: { recordCount: number, fullName: { value: string } | null, givenName: { value: string } | null, familyName: { value: string } | null, dateOfBirth: { value: string } | null, emails: Array<{ value: string, preferred: boolean }>, phones: Array<{ value: string, preferred: boolean }>, addresses: Array<{ value: string, postcode: string | null, preferred: boolean }> } | null, records: Array<{ source: string, sourceRecordId: string }> } } };

export type StewardQueueQueryVariables = Exact<{
  min?: number | null | undefined;
  max?: number | null | undefined;
  olderThan?: string | null | undefined;
  source?: string | null | undefined;
  order?: ReviewOrder | null | undefined;
  first?: number | null | undefined;
}>;


export type StewardQueueQuery = { reviewItems: Array<{ id: string, probability: number, createdAt: string, reasons: Array<ReviewReason>, assignee: string | null, a: { id: string, profile: { recordCount: number, fullName: { value: string } | null } | null }, b: { id: string, profile: { recordCount: number, fullName: { value: string } | null } | null }, pairs: Array<{ probability: number }> }> };

export type StewardQueueStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type StewardQueueStatsQuery = { reviewQueueStats: { size: number, pairs: number, oldest: string | null }, sources: Array<{ name: string }> };

export type StewardResolvePreviewQueryVariables = Exact<{ [key: string]: never; }>;


export type StewardResolvePreviewQuery = { previewResolveAll: { records: number, modelVersion: string, customersBefore: number, customersAfter: number, merged: number, split: number, grown: number, unchanged: number, newCustomers: number, links: number, reviews: number, refusals: Array<string>, heldBack: { clusterSizeLimit: number, weakBridge: number }, sizes: { median: number, p90: number, p99: number, largest: number }, largest: Array<{ customerId: string | null, records: number, fromCustomers: number }> } };

export type StewardReviewItemQueryVariables = Exact<{
  id: string | number;
}>;


export type StewardReviewItemQuery = { reviewItem: { id: string, probability: number, createdAt: string, reasons: Array<ReviewReason>, assignee: string | null, a: { id: string, createdAt: string, profile: { recordCount: number, fullName: { value: string } | null, givenName: { value: string } | null, familyName: { value: string } | null, dateOfBirth: { value: string } | null, emails: Array<{ value: string, preferred: boolean }>, phones: Array<{ value: string, preferred: boolean }>, addresses: Array<{ value: string, postcode: string | null, preferred: boolean }> } | null, records: Array<{ source: string, sourceRecordId: string }> }, b: { id: string, createdAt: string, profile: { recordCount: number, fullName: { value: string } | null, givenName: { value: string } | null, familyName: { value: string } | null, dateOfBirth: { value: string } | null, emails: Array<{ value: string, preferred: boolean }>, phones: Array<{ value: string, preferred: boolean }>, addresses: Array<{ value: string, postcode: string | null, preferred: boolean }> } | null, records: Array<{ source: string, sourceRecordId: string }> }, pairs: Array<{ probability: number, reason: ReviewReason, blockedBy: string | null, a: { source: string, sourceRecordId: string }, b: { source: string, sourceRecordId: string }, explanation: { decision: MatchDecision, rule: string, modelVersion: string, probability: number, sentence: string, prior: { matchProbability: number, weight: number, sentence: string }, steps: Array<{ comparison: string, label: string, weight: number, bayesFactor: number, sentence: string }> } }> } | null };

export type StewardPreviewSplitQueryVariables = Exact<{
  id: string | number;
  records: Array<RecordRef> | RecordRef;
  target: SplitTarget;
}>;


export type StewardPreviewSplitQuery = { previewSplit: { dryRun: boolean, from: { id: string, profile: { recordCount: number, fullName: { value: string } | null, givenName: { value: string } | null, familyName: { value: string } | null, dateOfBirth: { value: string } | null, emails: Array<{ value: string, preferred: boolean }>, phones: Array<{ value: string, preferred: boolean }>, addresses: Array<{ value: string, postcode: string | null, preferred: boolean }> } | null, records: Array<{ source: string, sourceRecordId: string }> }, to: Array<{ id: string, profile: { recordCount: number, fullName: { value: string } | null, givenName: { value: string } | null, familyName: { value: string } | null, dateOfBirth: { value: string } | null, emails: Array<{ value: string, preferred: boolean }>, phones: Array<{ value: string, preferred: boolean }>, addresses: Array<{ value: string, postcode: string | null, preferred: boolean }> } | null, records: Array<{ source: string, sourceRecordId: string }> }> } };

export type AgentSearchQueryVariables = Exact<{
  q: string;
}>;


export type AgentSearchQuery = { searchCustomers: { edges: Array<{ score: number, matchedOn: Array<{ field: CustomerSearchField, how: CustomerMatchKind }>, node: { id: string, profile: { fullName: { value: string } | null } | null, summary: { openTicketCount: number, lastInteractionAt: string | null } } }> } };

export type AgentNumberLookupQueryVariables = Exact<{
  type: IdentifierType;
  value: string;
}>;


export type AgentNumberLookupQuery = { customersByIdentifier: { customers: Array<{ id: string, profile: { fullName: { value: string } | null } | null, summary: { openTicketCount: number, lastInteractionAt: string | null } }> } };

export type AgentCustomerQueryVariables = Exact<{
  id: string | number;
}>;


export type AgentCustomerQuery = { customer: { id: string, redirected: boolean, profile: { recordCount: number, fullName: { value: string } | null, dateOfBirth: { value: string } | null, emails: Array<{ value: string, preferred: boolean }>, phones: Array<{ value: string, preferred: boolean }>, addresses: Array<{ value: string, preferred: boolean }> } | null, summary: { openTicketCount: number, orderCount: number, lastOrderAt: string | null, lastEmailEngagementAt: string | null, lifetimeValue: Array<{ currency: string, amount: number }> }, tickets: { edges: Array<{ node: { source: string, sourceId: string, occurredAt: string, status: string | null, category: string | null, subtype: string | null, channel: string | null } }> }, activity: { edges: Array<{ node: { source: string, type: string, sourceId: string, occurredAt: string, status: string | null, subtype: string | null, channel: string | null, currency: string | null, total: number | null, reference: string | null } }> } } | null };

export type VerifyCallerMutationVariables = Exact<{
  id: string | number;
  answers: VerifyCallerAnswers;
}>;


export type VerifyCallerMutation = { verifyCaller: { status: VerificationStatus, verified: boolean, locked: boolean, matched: Array<VerificationFactor>, required: number, attemptsLeft: number, unlockedUntil: string | null, lockedUntil: string | null } };

export type AuditTrailCustomerQueryVariables = Exact<{
  id: string | number;
}>;


export type AuditTrailCustomerQuery = { customer: { id: string, requestedId: string, redirected: boolean, status: CustomerStatus } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const StewardGoldenFragmentDoc = new TypedDocumentString(`
    fragment StewardGolden on GoldenProfile {
  fullName {
    value
  }
  givenName {
    value
  }
  familyName {
    value
  }
  dateOfBirth {
    value
  }
  emails {
    value
    preferred
  }
  phones {
    value
    preferred
  }
  addresses {
    value
    postcode
    preferred
  }
  recordCount
}
    `, {"fragmentName":"StewardGolden"}) as unknown as TypedDocumentString<StewardGoldenFragment, unknown>;
export const ConsoleMeDocument = new TypedDocumentString(`
    query ConsoleMe {
  me {
    id
    roles
  }
}
    `) as unknown as TypedDocumentString<ConsoleMeQuery, ConsoleMeQueryVariables>;
export const AuditTrailAccessLogDocument = new TypedDocumentString(`
    query AuditTrailAccessLog($id: ID!, $from: DateTime!, $to: DateTime!) {
  customerAccessLog(customerId: $id, from: $from, to: $to) {
    id
    seq
    at
    actor
    role
    requestId
    operation
    fields
    detail
  }
}
    `) as unknown as TypedDocumentString<AuditTrailAccessLogQuery, AuditTrailAccessLogQueryVariables>;
export const AuditTrailAttributeHistoryDocument = new TypedDocumentString(`
    query AuditTrailAttributeHistory($id: ID!, $attribute: GoldenAttribute!) {
  attributeHistory(customerId: $id, attribute: $attribute) {
    customerId
    at
    value
    rule
    source
    sourceRecordId
    actor
    role
  }
}
    `) as unknown as TypedDocumentString<AuditTrailAttributeHistoryQuery, AuditTrailAttributeHistoryQueryVariables>;
export const AuditTrailVerifyChainDocument = new TypedDocumentString(`
    query AuditTrailVerifyChain($anchors: [AuditAnchorInput!]) {
  verifyAuditChain(anchors: $anchors) {
    ok
    entries
    head
    brokenAtSeq
    brokenEntryId
    brokenReason
  }
}
    `) as unknown as TypedDocumentString<AuditTrailVerifyChainQuery, AuditTrailVerifyChainQueryVariables>;
export const AuditTrailDecisionsDocument = new TypedDocumentString(`
    query AuditTrailDecisions($id: ID!) {
  decisions(customerId: $id) {
    id
    kind
    at
    by
    reason
    attribute
    records {
      source
      sourceRecordId
    }
    otherRecords {
      source
      sourceRecordId
    }
  }
}
    `) as unknown as TypedDocumentString<AuditTrailDecisionsQuery, AuditTrailDecisionsQueryVariables>;
export const AuditTrailMergePathDocument = new TypedDocumentString(`
    query AuditTrailMergePath($id: ID!) {
  mergePath(customerId: $id) {
    id
    kind
    at
    actor
    role
    reason
    evidence
    records
    undoes
    from
    into
  }
}
    `) as unknown as TypedDocumentString<AuditTrailMergePathQuery, AuditTrailMergePathQueryVariables>;
export const AuditTrailLineageEntriesDocument = new TypedDocumentString(`
    query AuditTrailLineageEntries($id: ID!) {
  auditTrail(
    customerId: $id
    operations: [MERGE, SPLIT, UNMERGE, UNDO]
    first: 500
  ) {
    id
    operation
    recordKeys
    detail
  }
}
    `) as unknown as TypedDocumentString<AuditTrailLineageEntriesQuery, AuditTrailLineageEntriesQueryVariables>;
export const IdentityGraphExplainDocument = new TypedDocumentString(`
    query IdentityGraphExplain($a: RecordRef!, $b: RecordRef!) {
  explainMatch(a: $a, b: $b) {
    decision
    rule
    probability
    sentence
    stored
    modelVersion
  }
}
    `) as unknown as TypedDocumentString<IdentityGraphExplainQuery, IdentityGraphExplainQueryVariables>;
export const IdentityGraphHouseholdDocument = new TypedDocumentString(`
    query IdentityGraphHousehold($id: ID!) {
  customer(id: $id) {
    id
    household {
      id
      evidence {
        kind
        value
        records
      }
    }
    organisations {
      id
      name
      role
      sources
    }
  }
}
    `) as unknown as TypedDocumentString<IdentityGraphHouseholdQuery, IdentityGraphHouseholdQueryVariables>;
export const IdentityGraphLineageDocument = new TypedDocumentString(`
    query IdentityGraphLineage($id: ID!) {
  mergePath(customerId: $id) {
    id
    kind
    at
    actor
    role
    reason
    records
    from
    into
  }
}
    `) as unknown as TypedDocumentString<IdentityGraphLineageQuery, IdentityGraphLineageQueryVariables>;
export const IdentityGraphDocument = new TypedDocumentString(`
    query IdentityGraph($id: ID!, $depth: Int) {
  identityGraph(customerId: $id, depth: $depth) {
    nodes {
      id
      kind
      label
      hub
      ref
    }
    edges {
      from
      to
      kind
    }
    truncated
  }
}
    `) as unknown as TypedDocumentString<IdentityGraphQuery, IdentityGraphQueryVariables>;
export const PrivacyDeskRequestsDocument = new TypedDocumentString(`
    query PrivacyDeskRequests($filter: PrivacyRequestFilter, $first: Int) {
  privacyRequests(filter: $filter, first: $first) {
    id
    kind
    customerId
    status
    receivedAt
    dueAt
    overdue
    extensionReason
    openedBy
    consentDecision
    closedAt
    verification {
      method
      reference
      verifiedBy
      verifiedAt
    }
    log {
      at
      step
      status
      actor
      role
      note
    }
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskRequestsQuery, PrivacyDeskRequestsQueryVariables>;
export const PrivacyDeskRequestDocument = new TypedDocumentString(`
    query PrivacyDeskRequest($id: ID!) {
  privacyRequest(id: $id) {
    id
    kind
    customerId
    status
    receivedAt
    dueAt
    overdue
    extensionReason
    openedBy
    consentDecision
    closedAt
    verification {
      method
      reference
      verifiedBy
      verifiedAt
    }
    log {
      at
      step
      status
      actor
      role
      note
    }
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskRequestQuery, PrivacyDeskRequestQueryVariables>;
export const PrivacyDeskOpenDocument = new TypedDocumentString(`
    mutation PrivacyDeskOpen($kind: PrivacyRequestKind!, $customerId: ID!, $receivedAt: DateTime, $note: String) {
  openPrivacyRequest(
    kind: $kind
    customerId: $customerId
    receivedAt: $receivedAt
    note: $note
  ) {
    id
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskOpenMutation, PrivacyDeskOpenMutationVariables>;
export const PrivacyDeskVerifyDocument = new TypedDocumentString(`
    mutation PrivacyDeskVerify($id: ID!, $method: RequesterVerificationMethod!, $reference: String!) {
  verifyPrivacyRequester(id: $id, method: $method, reference: $reference) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskVerifyMutation, PrivacyDeskVerifyMutationVariables>;
export const PrivacyDeskExtendDocument = new TypedDocumentString(`
    mutation PrivacyDeskExtend($id: ID!, $reason: String!) {
  extendPrivacyRequest(id: $id, reason: $reason) {
    id
    dueAt
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskExtendMutation, PrivacyDeskExtendMutationVariables>;
export const PrivacyDeskRejectDocument = new TypedDocumentString(`
    mutation PrivacyDeskReject($id: ID!, $reason: String!) {
  rejectPrivacyRequest(id: $id, reason: $reason) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskRejectMutation, PrivacyDeskRejectMutationVariables>;
export const PrivacyDeskExportDocument = new TypedDocumentString(`
    mutation PrivacyDeskExport($requestId: ID!) {
  exportPersonalData(requestId: $requestId) {
    requestId
    customerId
    generatedAt
    document
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskExportMutation, PrivacyDeskExportMutationVariables>;
export const PrivacyDeskRestrictDocument = new TypedDocumentString(`
    mutation PrivacyDeskRestrict($requestId: ID!) {
  restrictProcessing(requestId: $requestId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskRestrictMutation, PrivacyDeskRestrictMutationVariables>;
export const PrivacyDeskDecideConsentDocument = new TypedDocumentString(`
    mutation PrivacyDeskDecideConsent($requestId: ID!, $decision: ConsentDecision!) {
  decideConsentRequest(requestId: $requestId, decision: $decision) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskDecideConsentMutation, PrivacyDeskDecideConsentMutationVariables>;
export const PrivacyDeskErasureScopeDocument = new TypedDocumentString(`
    query PrivacyDeskErasureScope($id: ID!) {
  customer(id: $id) {
    id
    requestedId
    redirected
    status
    records {
      source
      sourceRecordId
    }
    identifiers {
      type
    }
    summary {
      interactionCount
      orderCount
    }
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskErasureScopeQuery, PrivacyDeskErasureScopeQueryVariables>;
export const PrivacyDeskEraseDocument = new TypedDocumentString(`
    mutation PrivacyDeskErase($requestId: ID!) {
  erasePerson(requestId: $requestId) {
    complete
    customers
    records
    identifierCount
    sharedIdentifierCount
    interactions
    tombstoneKeys
    auditEntriesRedacted
    legacyAuditEntries
    request {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskEraseMutation, PrivacyDeskEraseMutationVariables>;
export const PrivacyDeskHeldBackDocument = new TypedDocumentString(`
    query PrivacyDeskHeldBack($status: HeldBackStatus) {
  heldBackRecords(status: $status, first: 100) {
    id
    source
    requestId
    matchedOn
    at
    status
    decidedBy
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskHeldBackQuery, PrivacyDeskHeldBackQueryVariables>;
export const PrivacyDeskReleaseDocument = new TypedDocumentString(`
    mutation PrivacyDeskRelease($id: ID!, $reason: String!) {
  releaseHeldBackRecord(id: $id, reason: $reason) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskReleaseMutation, PrivacyDeskReleaseMutationVariables>;
export const PrivacyDeskDiscardDocument = new TypedDocumentString(`
    mutation PrivacyDeskDiscard($id: ID!, $reason: String!) {
  discardHeldBackRecord(id: $id, reason: $reason) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskDiscardMutation, PrivacyDeskDiscardMutationVariables>;
export const PrivacyDeskFindDocument = new TypedDocumentString(`
    query PrivacyDeskFind($q: String!) {
  searchCustomers(query: $q, first: 8) {
    edges {
      node {
        id
        profile {
          fullName {
            value
          }
          recordCount
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PrivacyDeskFindQuery, PrivacyDeskFindQueryVariables>;
export const SegmentsExportDocument = new TypedDocumentString(`
    query SegmentsExport($id: ID!, $channel: ExportChannel!, $after: String, $thirdParty: Boolean) {
  exportSegment(
    id: $id
    channel: $channel
    first: 1000
    after: $after
    thirdParty: $thirdParty
  ) {
    contacts {
      customerId
      value
    }
    suppressed {
      customerId
      reason
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentsExportQuery, SegmentsExportQueryVariables>;
export const SegmentsCountDocument = new TypedDocumentString(`
    query SegmentsCount($definition: JSON!) {
  countSegment(definition: $definition)
}
    `) as unknown as TypedDocumentString<SegmentsCountQuery, SegmentsCountQueryVariables>;
export const SegmentsCreateDocument = new TypedDocumentString(`
    mutation SegmentsCreate($name: String!, $definition: JSON!) {
  createSegment(input: {name: $name, definition: $definition}) {
    id
    name
    version
    count
    members(first: 10) {
      edges {
        node {
          id
          summary {
            orderCount
            openTicketCount
            lastInteractionAt
            lifetimeValue {
              currency
              amount
            }
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentsCreateMutation, SegmentsCreateMutationVariables>;
export const SegmentsUpdateDocument = new TypedDocumentString(`
    mutation SegmentsUpdate($id: ID!, $definition: JSON!) {
  updateSegment(id: $id, definition: $definition) {
    id
    name
    version
    count
    members(first: 10) {
      edges {
        node {
          id
          summary {
            orderCount
            openTicketCount
            lastInteractionAt
            lifetimeValue {
              currency
              amount
            }
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentsUpdateMutation, SegmentsUpdateMutationVariables>;
export const SegmentsLoadDocument = new TypedDocumentString(`
    query SegmentsLoad($id: ID!) {
  segment(id: $id) {
    id
    name
    version
    definition
    count
    members(first: 10) {
      edges {
        node {
          id
          summary {
            orderCount
            openTicketCount
            lastInteractionAt
            lifetimeValue {
              currency
              amount
            }
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SegmentsLoadQuery, SegmentsLoadQueryVariables>;
export const StewardDataQualitySummaryDocument = new TypedDocumentString(`
    query StewardDataQualitySummary {
  dataQualitySummary {
    source
    code
    issues
    records
  }
}
    `) as unknown as TypedDocumentString<StewardDataQualitySummaryQuery, StewardDataQualitySummaryQueryVariables>;
export const StewardDataQualityIssuesDocument = new TypedDocumentString(`
    query StewardDataQualityIssues($source: String!) {
  dataQualityIssues(source: $source, first: 50) {
    id
    sourceRecordId
    field
    code
    reason
    raw
    at
  }
}
    `) as unknown as TypedDocumentString<StewardDataQualityIssuesQuery, StewardDataQualityIssuesQueryVariables>;
export const StewardApproveDocument = new TypedDocumentString(`
    mutation StewardApprove($ids: [ID!]!, $reason: String) {
  approveReviewItems(ids: $ids, reason: $reason) {
    id
    outcome
    pairs
    customerId
    errorCode
    errorMessage
  }
}
    `) as unknown as TypedDocumentString<StewardApproveMutation, StewardApproveMutationVariables>;
export const StewardRejectDocument = new TypedDocumentString(`
    mutation StewardReject($ids: [ID!]!, $reason: String) {
  rejectReviewItems(ids: $ids, reason: $reason) {
    id
    outcome
    pairs
    customerId
    errorCode
    errorMessage
  }
}
    `) as unknown as TypedDocumentString<StewardRejectMutation, StewardRejectMutationVariables>;
export const StewardMergePathDocument = new TypedDocumentString(`
    query StewardMergePath($id: ID!) {
  mergePath(customerId: $id) {
    id
    kind
    at
    actor
    role
    reason
    records
    undoes
    from
    into
  }
}
    `) as unknown as TypedDocumentString<StewardMergePathQuery, StewardMergePathQueryVariables>;
export const StewardUnmergeDocument = new TypedDocumentString(`
    mutation StewardUnmerge($eventId: ID!, $reason: String!) {
  unmergeCustomers(eventId: $eventId, reason: $reason) {
    eventIds
    from {
      id
    }
    to {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<StewardUnmergeMutation, StewardUnmergeMutationVariables>;
export const StewardPreviewMergeDocument = new TypedDocumentString(`
    query StewardPreviewMerge($a: ID!, $b: ID!) {
  previewMerge(a: $a, b: $b) {
    dryRun
    mergedAway
    survivor {
      id
      profile {
        ...StewardGolden
      }
      records {
        source
        sourceRecordId
      }
    }
  }
}
    fragment StewardGolden on GoldenProfile {
  fullName {
    value
  }
  givenName {
    value
  }
  familyName {
    value
  }
  dateOfBirth {
    value
  }
  emails {
    value
    preferred
  }
  phones {
    value
    preferred
  }
  addresses {
    value
    postcode
    preferred
  }
  recordCount
}`) as unknown as TypedDocumentString<StewardPreviewMergeQuery, StewardPreviewMergeQueryVariables>;
export const StewardQueueDocument = new TypedDocumentString(`
    query StewardQueue($min: Float, $max: Float, $olderThan: DateTime, $source: String, $order: ReviewOrder, $first: Int) {
  reviewItems(
    minProbability: $min
    maxProbability: $max
    olderThan: $olderThan
    source: $source
    order: $order
    first: $first
  ) {
    id
    probability
    createdAt
    reasons
    assignee
    a {
      id
      profile {
        fullName {
          value
        }
        recordCount
      }
    }
    b {
      id
      profile {
        fullName {
          value
        }
        recordCount
      }
    }
    pairs {
      probability
    }
  }
}
    `) as unknown as TypedDocumentString<StewardQueueQuery, StewardQueueQueryVariables>;
export const StewardQueueStatsDocument = new TypedDocumentString(`
    query StewardQueueStats {
  reviewQueueStats {
    size
    pairs
    oldest
  }
  sources {
    name
  }
}
    `) as unknown as TypedDocumentString<StewardQueueStatsQuery, StewardQueueStatsQueryVariables>;
export const StewardResolvePreviewDocument = new TypedDocumentString(`
    query StewardResolvePreview {
  previewResolveAll {
    records
    modelVersion
    customersBefore
    customersAfter
    merged
    split
    grown
    unchanged
    newCustomers
    links
    reviews
    heldBack {
      clusterSizeLimit
      weakBridge
    }
    sizes {
      median
      p90
      p99
      largest
    }
    largest {
      customerId
      records
      fromCustomers
    }
    refusals
  }
}
    `) as unknown as TypedDocumentString<StewardResolvePreviewQuery, StewardResolvePreviewQueryVariables>;
export const StewardReviewItemDocument = new TypedDocumentString(`
    query StewardReviewItem($id: ID!) {
  reviewItem(id: $id) {
    id
    probability
    createdAt
    reasons
    assignee
    a {
      id
      createdAt
      profile {
        ...StewardGolden
      }
      records {
        source
        sourceRecordId
      }
    }
    b {
      id
      createdAt
      profile {
        ...StewardGolden
      }
      records {
        source
        sourceRecordId
      }
    }
    pairs {
      a {
        source
        sourceRecordId
      }
      b {
        source
        sourceRecordId
      }
      probability
      reason
      blockedBy
      explanation {
        decision
        rule
        modelVersion
        probability
        sentence
        prior {
          matchProbability
          weight
          sentence
        }
        steps {
          comparison
          label
          weight
          bayesFactor
          sentence
        }
      }
    }
  }
}
    fragment StewardGolden on GoldenProfile {
  fullName {
    value
  }
  givenName {
    value
  }
  familyName {
    value
  }
  dateOfBirth {
    value
  }
  emails {
    value
    preferred
  }
  phones {
    value
    preferred
  }
  addresses {
    value
    postcode
    preferred
  }
  recordCount
}`) as unknown as TypedDocumentString<StewardReviewItemQuery, StewardReviewItemQueryVariables>;
export const StewardPreviewSplitDocument = new TypedDocumentString(`
    query StewardPreviewSplit($id: ID!, $records: [RecordRef!]!, $target: SplitTarget!) {
  previewSplit(customerId: $id, records: $records, target: $target) {
    dryRun
    from {
      id
      profile {
        ...StewardGolden
      }
      records {
        source
        sourceRecordId
      }
    }
    to {
      id
      profile {
        ...StewardGolden
      }
      records {
        source
        sourceRecordId
      }
    }
  }
}
    fragment StewardGolden on GoldenProfile {
  fullName {
    value
  }
  givenName {
    value
  }
  familyName {
    value
  }
  dateOfBirth {
    value
  }
  emails {
    value
    preferred
  }
  phones {
    value
    preferred
  }
  addresses {
    value
    postcode
    preferred
  }
  recordCount
}`) as unknown as TypedDocumentString<StewardPreviewSplitQuery, StewardPreviewSplitQueryVariables>;
export const AgentSearchDocument = new TypedDocumentString(`
    query AgentSearch($q: String!) {
  searchCustomers(query: $q, first: 20) {
    edges {
      score
      matchedOn {
        field
        how
      }
      node {
        id
        profile {
          fullName {
            value
          }
        }
        summary {
          openTicketCount
          lastInteractionAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AgentSearchQuery, AgentSearchQueryVariables>;
export const AgentNumberLookupDocument = new TypedDocumentString(`
    query AgentNumberLookup($type: IdentifierType!, $value: String!) {
  customersByIdentifier(type: $type, value: $value, first: 5) {
    customers {
      id
      profile {
        fullName {
          value
        }
      }
      summary {
        openTicketCount
        lastInteractionAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AgentNumberLookupQuery, AgentNumberLookupQueryVariables>;
export const AgentCustomerDocument = new TypedDocumentString(`
    query AgentCustomer($id: ID!) {
  customer(id: $id) {
    id
    redirected
    profile {
      fullName {
        value
      }
      dateOfBirth {
        value
      }
      emails {
        value
        preferred
      }
      phones {
        value
        preferred
      }
      addresses {
        value
        preferred
      }
      recordCount
    }
    summary {
      openTicketCount
      orderCount
      lifetimeValue {
        currency
        amount
      }
      lastOrderAt
      lastEmailEngagementAt
    }
    tickets: timeline(first: 10, types: [TICKET]) {
      edges {
        node {
          source
          sourceId
          occurredAt
          status
          category
          subtype
          channel
        }
      }
    }
    activity: timeline(first: 15, types: [ORDER, EMAIL_EVENT]) {
      edges {
        node {
          source
          type
          sourceId
          occurredAt
          status
          subtype
          channel
          currency
          total
          reference
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<AgentCustomerQuery, AgentCustomerQueryVariables>;
export const VerifyCallerDocument = new TypedDocumentString(`
    mutation VerifyCaller($id: ID!, $answers: VerifyCallerAnswers!) {
  verifyCaller(customerId: $id, answers: $answers) {
    status
    verified
    locked
    matched
    required
    attemptsLeft
    unlockedUntil
    lockedUntil
  }
}
    `) as unknown as TypedDocumentString<VerifyCallerMutation, VerifyCallerMutationVariables>;
export const AuditTrailCustomerDocument = new TypedDocumentString(`
    query AuditTrailCustomer($id: ID!) {
  customer(id: $id) {
    id
    requestedId
    redirected
    status
  }
}
    `) as unknown as TypedDocumentString<AuditTrailCustomerQuery, AuditTrailCustomerQueryVariables>;