/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConsoleMe {\n    me { id roles }\n  }\n": typeof types.ConsoleMeDocument,
    "\n  query AuditTrailAccessLog($id: ID!, $from: DateTime!, $to: DateTime!) {\n    customerAccessLog(customerId: $id, from: $from, to: $to) { id seq at actor role requestId operation fields detail }\n  }\n": typeof types.AuditTrailAccessLogDocument,
    "\n  query AuditTrailAttributeHistory($id: ID!, $attribute: GoldenAttribute!) {\n    attributeHistory(customerId: $id, attribute: $attribute) { customerId at value rule source sourceRecordId actor role }\n  }\n": typeof types.AuditTrailAttributeHistoryDocument,
    "\n  query AuditTrailVerifyChain($anchors: [AuditAnchorInput!]) {\n    verifyAuditChain(anchors: $anchors) { ok entries head brokenAtSeq brokenEntryId brokenReason }\n  }\n": typeof types.AuditTrailVerifyChainDocument,
    "\n  query AuditTrailDecisions($id: ID!) {\n    decisions(customerId: $id) { id kind at by reason attribute records { source sourceRecordId } otherRecords { source sourceRecordId } }\n  }\n": typeof types.AuditTrailDecisionsDocument,
    "\n  query AuditTrailMergePath($id: ID!) {\n    mergePath(customerId: $id) { id kind at actor role reason evidence records undoes from into }\n  }\n": typeof types.AuditTrailMergePathDocument,
    "\n  query AuditTrailLineageEntries($id: ID!) {\n    auditTrail(customerId: $id, operations: [MERGE, SPLIT, UNMERGE, UNDO], first: 500) { id operation recordKeys detail }\n  }\n": typeof types.AuditTrailLineageEntriesDocument,
    "\n  query IdentityGraphExplain($a: RecordRef!, $b: RecordRef!) {\n    explainMatch(a: $a, b: $b) { decision rule probability sentence stored modelVersion }\n  }\n": typeof types.IdentityGraphExplainDocument,
    "\n  query IdentityGraphHousehold($id: ID!) {\n    customer(id: $id) { id household { id evidence { kind value records } } organisations { id name role sources } }\n  }\n": typeof types.IdentityGraphHouseholdDocument,
    "\n  query IdentityGraphLineage($id: ID!) {\n    mergePath(customerId: $id) { id kind at actor role reason records from into }\n  }\n": typeof types.IdentityGraphLineageDocument,
    "\n  query IdentityGraph($id: ID!, $depth: Int) {\n    identityGraph(customerId: $id, depth: $depth) {\n      nodes { id kind label hub ref }\n      edges { from to kind }\n      truncated\n    }\n  }\n": typeof types.IdentityGraphDocument,
    "\n  query PrivacyDeskRequests($filter: PrivacyRequestFilter, $first: Int) {\n    privacyRequests(filter: $filter, first: $first) {\n      id kind customerId status receivedAt dueAt overdue extensionReason openedBy consentDecision closedAt\n      verification { method reference verifiedBy verifiedAt }\n      log { at step status actor role note }\n    }\n  }\n": typeof types.PrivacyDeskRequestsDocument,
    "\n  query PrivacyDeskRequest($id: ID!) {\n    privacyRequest(id: $id) {\n      id kind customerId status receivedAt dueAt overdue extensionReason openedBy consentDecision closedAt\n      verification { method reference verifiedBy verifiedAt }\n      log { at step status actor role note }\n    }\n  }\n": typeof types.PrivacyDeskRequestDocument,
    "\n  mutation PrivacyDeskOpen($kind: PrivacyRequestKind!, $customerId: ID!, $receivedAt: DateTime, $note: String) {\n    openPrivacyRequest(kind: $kind, customerId: $customerId, receivedAt: $receivedAt, note: $note) { id }\n  }\n": typeof types.PrivacyDeskOpenDocument,
    "\n  mutation PrivacyDeskVerify($id: ID!, $method: RequesterVerificationMethod!, $reference: String!) {\n    verifyPrivacyRequester(id: $id, method: $method, reference: $reference) { id status }\n  }\n": typeof types.PrivacyDeskVerifyDocument,
    "\n  mutation PrivacyDeskExtend($id: ID!, $reason: String!) { extendPrivacyRequest(id: $id, reason: $reason) { id dueAt } }\n": typeof types.PrivacyDeskExtendDocument,
    "\n  mutation PrivacyDeskReject($id: ID!, $reason: String!) { rejectPrivacyRequest(id: $id, reason: $reason) { id status } }\n": typeof types.PrivacyDeskRejectDocument,
    "\n  mutation PrivacyDeskExport($requestId: ID!) {\n    exportPersonalData(requestId: $requestId) { requestId customerId generatedAt document }\n  }\n": typeof types.PrivacyDeskExportDocument,
    "\n  mutation PrivacyDeskRestrict($requestId: ID!) { restrictProcessing(requestId: $requestId) { id status } }\n": typeof types.PrivacyDeskRestrictDocument,
    "\n  mutation PrivacyDeskDecideConsent($requestId: ID!, $decision: ConsentDecision!) { decideConsentRequest(requestId: $requestId, decision: $decision) { id status } }\n": typeof types.PrivacyDeskDecideConsentDocument,
    "\n  query PrivacyDeskErasureScope($id: ID!) {\n    customer(id: $id) {\n      id requestedId redirected status\n      records { source sourceRecordId }\n      identifiers { type }\n      summary { interactionCount orderCount }\n    }\n  }\n": typeof types.PrivacyDeskErasureScopeDocument,
    "\n  mutation PrivacyDeskErase($requestId: ID!) {\n    erasePerson(requestId: $requestId) {\n      complete customers records identifierCount sharedIdentifierCount interactions tombstoneKeys auditEntriesRedacted legacyAuditEntries\n      request { id status }\n    }\n  }\n": typeof types.PrivacyDeskEraseDocument,
    "\n  query PrivacyDeskHeldBack($status: HeldBackStatus) {\n    heldBackRecords(status: $status, first: 100) { id source requestId matchedOn at status decidedBy decidedAt }\n  }\n": typeof types.PrivacyDeskHeldBackDocument,
    "\n  mutation PrivacyDeskRelease($id: ID!, $reason: String!) { releaseHeldBackRecord(id: $id, reason: $reason) { id status } }\n": typeof types.PrivacyDeskReleaseDocument,
    "\n  mutation PrivacyDeskDiscard($id: ID!, $reason: String!) { discardHeldBackRecord(id: $id, reason: $reason) { id status } }\n": typeof types.PrivacyDeskDiscardDocument,
    "\n  query PrivacyDeskFind($q: String!) {\n    searchCustomers(query: $q, first: 8) { edges { node { id profile { fullName { value } recordCount } } } }\n  }\n": typeof types.PrivacyDeskFindDocument,
    "\n  query SegmentsExport($id: ID!, $channel: ExportChannel!, $after: String, $thirdParty: Boolean) {\n    exportSegment(id: $id, channel: $channel, first: 1000, after: $after, thirdParty: $thirdParty) {\n      contacts { customerId value }\n      suppressed { customerId reason }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.SegmentsExportDocument,
    "\n  query SegmentsCount($definition: JSON!) {\n    countSegment(definition: $definition)\n  }\n": typeof types.SegmentsCountDocument,
    "\n  mutation SegmentsCreate($name: String!, $definition: JSON!) {\n    createSegment(input: { name: $name, definition: $definition }) {\n      id name version count\n      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }\n    }\n  }\n": typeof types.SegmentsCreateDocument,
    "\n  mutation SegmentsUpdate($id: ID!, $definition: JSON!) {\n    updateSegment(id: $id, definition: $definition) {\n      id name version count\n      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }\n    }\n  }\n": typeof types.SegmentsUpdateDocument,
    "\n  query SegmentsLoad($id: ID!) {\n    segment(id: $id) {\n      id name version definition count\n      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }\n    }\n  }\n": typeof types.SegmentsLoadDocument,
    "\n  query StewardDataQualitySummary {\n    dataQualitySummary { source code issues records }\n  }\n": typeof types.StewardDataQualitySummaryDocument,
    "\n  query StewardDataQualityIssues($source: String!) {\n    dataQualityIssues(source: $source, first: 50) { id sourceRecordId field code reason raw at }\n  }\n": typeof types.StewardDataQualityIssuesDocument,
    "\n  mutation StewardApprove($ids: [ID!]!, $reason: String) {\n    approveReviewItems(ids: $ids, reason: $reason) { id outcome pairs customerId errorCode errorMessage }\n  }\n": typeof types.StewardApproveDocument,
    "\n  mutation StewardReject($ids: [ID!]!, $reason: String) {\n    rejectReviewItems(ids: $ids, reason: $reason) { id outcome pairs customerId errorCode errorMessage }\n  }\n": typeof types.StewardRejectDocument,
    "\n  fragment StewardGolden on GoldenProfile {\n    fullName { value }\n    givenName { value }\n    familyName { value }\n    dateOfBirth { value }\n    emails { value preferred }\n    phones { value preferred }\n    addresses { value postcode preferred }\n    recordCount\n  }\n": typeof types.StewardGoldenFragmentDoc,
    "\n  query StewardMergePath($id: ID!) {\n    mergePath(customerId: $id) { id kind at actor role reason records undoes from into }\n  }\n": typeof types.StewardMergePathDocument,
    "\n  mutation StewardUnmerge($eventId: ID!, $reason: String!) {\n    unmergeCustomers(eventId: $eventId, reason: $reason) { eventIds from { id } to { id } }\n  }\n": typeof types.StewardUnmergeDocument,
    "\n  query StewardPreviewMerge($a: ID!, $b: ID!) {\n    previewMerge(a: $a, b: $b) {\n      dryRun\n      mergedAway\n      survivor { id profile { ...StewardGolden } records { source sourceRecordId } }\n    }\n  }\n": typeof types.StewardPreviewMergeDocument,
    "\n  query StewardQueue($min: Float, $max: Float, $olderThan: DateTime, $source: String, $order: ReviewOrder, $first: Int) {\n    reviewItems(minProbability: $min, maxProbability: $max, olderThan: $olderThan, source: $source, order: $order, first: $first) {\n      id\n      probability\n      createdAt\n      reasons\n      assignee\n      a { id profile { fullName { value } recordCount } }\n      b { id profile { fullName { value } recordCount } }\n      pairs { probability }\n    }\n  }\n": typeof types.StewardQueueDocument,
    "\n  query StewardQueueStats {\n    reviewQueueStats { size pairs oldest }\n    sources { name }\n  }\n": typeof types.StewardQueueStatsDocument,
    "\n  query StewardResolvePreview {\n    previewResolveAll {\n      records modelVersion customersBefore customersAfter merged split grown unchanged newCustomers links reviews\n      heldBack { clusterSizeLimit weakBridge }\n      sizes { median p90 p99 largest }\n      largest { customerId records fromCustomers }\n      refusals\n    }\n  }\n": typeof types.StewardResolvePreviewDocument,
    "\n  query StewardReviewItem($id: ID!) {\n    reviewItem(id: $id) {\n      id\n      probability\n      createdAt\n      reasons\n      assignee\n      a { id createdAt profile { ...StewardGolden } records { source sourceRecordId } }\n      b { id createdAt profile { ...StewardGolden } records { source sourceRecordId } }\n      pairs {\n        a { source sourceRecordId }\n        b { source sourceRecordId }\n        probability\n        reason\n        blockedBy\n        explanation {\n          decision\n          rule\n          modelVersion\n          probability\n          sentence\n          prior { matchProbability weight sentence }\n          steps { comparison label weight bayesFactor sentence }\n        }\n      }\n    }\n  }\n": typeof types.StewardReviewItemDocument,
    "\n  query StewardPreviewSplit($id: ID!, $records: [RecordRef!]!, $target: SplitTarget!) {\n    previewSplit(customerId: $id, records: $records, target: $target) {\n      dryRun\n      from { id profile { ...StewardGolden } records { source sourceRecordId } }\n      to { id profile { ...StewardGolden } records { source sourceRecordId } }\n    }\n  }\n": typeof types.StewardPreviewSplitDocument,
    "\n  query AgentSearch($q: String!) {\n    searchCustomers(query: $q, first: 20) {\n      edges {\n        score\n        matchedOn { field how }\n        node { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } }\n      }\n    }\n  }\n": typeof types.AgentSearchDocument,
    "\n  query AgentNumberLookup($type: IdentifierType!, $value: String!) {\n    customersByIdentifier(type: $type, value: $value, first: 5) { customers { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } } }\n  }\n": typeof types.AgentNumberLookupDocument,
    "\n  query AgentCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      redirected\n      profile {\n        fullName { value }\n        dateOfBirth { value }\n        emails { value preferred }\n        phones { value preferred }\n        addresses { value preferred }\n        recordCount\n      }\n      summary { openTicketCount orderCount lifetimeValue { currency amount } lastOrderAt lastEmailEngagementAt }\n      tickets: timeline(first: 10, types: [TICKET]) { edges { node { source sourceId occurredAt status category subtype channel } } }\n      activity: timeline(first: 15, types: [ORDER, EMAIL_EVENT]) { edges { node { source type sourceId occurredAt status subtype channel currency total reference } } }\n    }\n  }\n": typeof types.AgentCustomerDocument,
    "\n  mutation VerifyCaller($id: ID!, $answers: VerifyCallerAnswers!) {\n    verifyCaller(customerId: $id, answers: $answers) { status verified locked matched required attemptsLeft unlockedUntil lockedUntil }\n  }\n": typeof types.VerifyCallerDocument,
    "\n  query AuditTrailCustomer($id: ID!) {\n    customer(id: $id) { id requestedId redirected status }\n  }\n": typeof types.AuditTrailCustomerDocument,
};
const documents: Documents = {
    "\n  query ConsoleMe {\n    me { id roles }\n  }\n": types.ConsoleMeDocument,
    "\n  query AuditTrailAccessLog($id: ID!, $from: DateTime!, $to: DateTime!) {\n    customerAccessLog(customerId: $id, from: $from, to: $to) { id seq at actor role requestId operation fields detail }\n  }\n": types.AuditTrailAccessLogDocument,
    "\n  query AuditTrailAttributeHistory($id: ID!, $attribute: GoldenAttribute!) {\n    attributeHistory(customerId: $id, attribute: $attribute) { customerId at value rule source sourceRecordId actor role }\n  }\n": types.AuditTrailAttributeHistoryDocument,
    "\n  query AuditTrailVerifyChain($anchors: [AuditAnchorInput!]) {\n    verifyAuditChain(anchors: $anchors) { ok entries head brokenAtSeq brokenEntryId brokenReason }\n  }\n": types.AuditTrailVerifyChainDocument,
    "\n  query AuditTrailDecisions($id: ID!) {\n    decisions(customerId: $id) { id kind at by reason attribute records { source sourceRecordId } otherRecords { source sourceRecordId } }\n  }\n": types.AuditTrailDecisionsDocument,
    "\n  query AuditTrailMergePath($id: ID!) {\n    mergePath(customerId: $id) { id kind at actor role reason evidence records undoes from into }\n  }\n": types.AuditTrailMergePathDocument,
    "\n  query AuditTrailLineageEntries($id: ID!) {\n    auditTrail(customerId: $id, operations: [MERGE, SPLIT, UNMERGE, UNDO], first: 500) { id operation recordKeys detail }\n  }\n": types.AuditTrailLineageEntriesDocument,
    "\n  query IdentityGraphExplain($a: RecordRef!, $b: RecordRef!) {\n    explainMatch(a: $a, b: $b) { decision rule probability sentence stored modelVersion }\n  }\n": types.IdentityGraphExplainDocument,
    "\n  query IdentityGraphHousehold($id: ID!) {\n    customer(id: $id) { id household { id evidence { kind value records } } organisations { id name role sources } }\n  }\n": types.IdentityGraphHouseholdDocument,
    "\n  query IdentityGraphLineage($id: ID!) {\n    mergePath(customerId: $id) { id kind at actor role reason records from into }\n  }\n": types.IdentityGraphLineageDocument,
    "\n  query IdentityGraph($id: ID!, $depth: Int) {\n    identityGraph(customerId: $id, depth: $depth) {\n      nodes { id kind label hub ref }\n      edges { from to kind }\n      truncated\n    }\n  }\n": types.IdentityGraphDocument,
    "\n  query PrivacyDeskRequests($filter: PrivacyRequestFilter, $first: Int) {\n    privacyRequests(filter: $filter, first: $first) {\n      id kind customerId status receivedAt dueAt overdue extensionReason openedBy consentDecision closedAt\n      verification { method reference verifiedBy verifiedAt }\n      log { at step status actor role note }\n    }\n  }\n": types.PrivacyDeskRequestsDocument,
    "\n  query PrivacyDeskRequest($id: ID!) {\n    privacyRequest(id: $id) {\n      id kind customerId status receivedAt dueAt overdue extensionReason openedBy consentDecision closedAt\n      verification { method reference verifiedBy verifiedAt }\n      log { at step status actor role note }\n    }\n  }\n": types.PrivacyDeskRequestDocument,
    "\n  mutation PrivacyDeskOpen($kind: PrivacyRequestKind!, $customerId: ID!, $receivedAt: DateTime, $note: String) {\n    openPrivacyRequest(kind: $kind, customerId: $customerId, receivedAt: $receivedAt, note: $note) { id }\n  }\n": types.PrivacyDeskOpenDocument,
    "\n  mutation PrivacyDeskVerify($id: ID!, $method: RequesterVerificationMethod!, $reference: String!) {\n    verifyPrivacyRequester(id: $id, method: $method, reference: $reference) { id status }\n  }\n": types.PrivacyDeskVerifyDocument,
    "\n  mutation PrivacyDeskExtend($id: ID!, $reason: String!) { extendPrivacyRequest(id: $id, reason: $reason) { id dueAt } }\n": types.PrivacyDeskExtendDocument,
    "\n  mutation PrivacyDeskReject($id: ID!, $reason: String!) { rejectPrivacyRequest(id: $id, reason: $reason) { id status } }\n": types.PrivacyDeskRejectDocument,
    "\n  mutation PrivacyDeskExport($requestId: ID!) {\n    exportPersonalData(requestId: $requestId) { requestId customerId generatedAt document }\n  }\n": types.PrivacyDeskExportDocument,
    "\n  mutation PrivacyDeskRestrict($requestId: ID!) { restrictProcessing(requestId: $requestId) { id status } }\n": types.PrivacyDeskRestrictDocument,
    "\n  mutation PrivacyDeskDecideConsent($requestId: ID!, $decision: ConsentDecision!) { decideConsentRequest(requestId: $requestId, decision: $decision) { id status } }\n": types.PrivacyDeskDecideConsentDocument,
    "\n  query PrivacyDeskErasureScope($id: ID!) {\n    customer(id: $id) {\n      id requestedId redirected status\n      records { source sourceRecordId }\n      identifiers { type }\n      summary { interactionCount orderCount }\n    }\n  }\n": types.PrivacyDeskErasureScopeDocument,
    "\n  mutation PrivacyDeskErase($requestId: ID!) {\n    erasePerson(requestId: $requestId) {\n      complete customers records identifierCount sharedIdentifierCount interactions tombstoneKeys auditEntriesRedacted legacyAuditEntries\n      request { id status }\n    }\n  }\n": types.PrivacyDeskEraseDocument,
    "\n  query PrivacyDeskHeldBack($status: HeldBackStatus) {\n    heldBackRecords(status: $status, first: 100) { id source requestId matchedOn at status decidedBy decidedAt }\n  }\n": types.PrivacyDeskHeldBackDocument,
    "\n  mutation PrivacyDeskRelease($id: ID!, $reason: String!) { releaseHeldBackRecord(id: $id, reason: $reason) { id status } }\n": types.PrivacyDeskReleaseDocument,
    "\n  mutation PrivacyDeskDiscard($id: ID!, $reason: String!) { discardHeldBackRecord(id: $id, reason: $reason) { id status } }\n": types.PrivacyDeskDiscardDocument,
    "\n  query PrivacyDeskFind($q: String!) {\n    searchCustomers(query: $q, first: 8) { edges { node { id profile { fullName { value } recordCount } } } }\n  }\n": types.PrivacyDeskFindDocument,
    "\n  query SegmentsExport($id: ID!, $channel: ExportChannel!, $after: String, $thirdParty: Boolean) {\n    exportSegment(id: $id, channel: $channel, first: 1000, after: $after, thirdParty: $thirdParty) {\n      contacts { customerId value }\n      suppressed { customerId reason }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.SegmentsExportDocument,
    "\n  query SegmentsCount($definition: JSON!) {\n    countSegment(definition: $definition)\n  }\n": types.SegmentsCountDocument,
    "\n  mutation SegmentsCreate($name: String!, $definition: JSON!) {\n    createSegment(input: { name: $name, definition: $definition }) {\n      id name version count\n      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }\n    }\n  }\n": types.SegmentsCreateDocument,
    "\n  mutation SegmentsUpdate($id: ID!, $definition: JSON!) {\n    updateSegment(id: $id, definition: $definition) {\n      id name version count\n      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }\n    }\n  }\n": types.SegmentsUpdateDocument,
    "\n  query SegmentsLoad($id: ID!) {\n    segment(id: $id) {\n      id name version definition count\n      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }\n    }\n  }\n": types.SegmentsLoadDocument,
    "\n  query StewardDataQualitySummary {\n    dataQualitySummary { source code issues records }\n  }\n": types.StewardDataQualitySummaryDocument,
    "\n  query StewardDataQualityIssues($source: String!) {\n    dataQualityIssues(source: $source, first: 50) { id sourceRecordId field code reason raw at }\n  }\n": types.StewardDataQualityIssuesDocument,
    "\n  mutation StewardApprove($ids: [ID!]!, $reason: String) {\n    approveReviewItems(ids: $ids, reason: $reason) { id outcome pairs customerId errorCode errorMessage }\n  }\n": types.StewardApproveDocument,
    "\n  mutation StewardReject($ids: [ID!]!, $reason: String) {\n    rejectReviewItems(ids: $ids, reason: $reason) { id outcome pairs customerId errorCode errorMessage }\n  }\n": types.StewardRejectDocument,
    "\n  fragment StewardGolden on GoldenProfile {\n    fullName { value }\n    givenName { value }\n    familyName { value }\n    dateOfBirth { value }\n    emails { value preferred }\n    phones { value preferred }\n    addresses { value postcode preferred }\n    recordCount\n  }\n": types.StewardGoldenFragmentDoc,
    "\n  query StewardMergePath($id: ID!) {\n    mergePath(customerId: $id) { id kind at actor role reason records undoes from into }\n  }\n": types.StewardMergePathDocument,
    "\n  mutation StewardUnmerge($eventId: ID!, $reason: String!) {\n    unmergeCustomers(eventId: $eventId, reason: $reason) { eventIds from { id } to { id } }\n  }\n": types.StewardUnmergeDocument,
    "\n  query StewardPreviewMerge($a: ID!, $b: ID!) {\n    previewMerge(a: $a, b: $b) {\n      dryRun\n      mergedAway\n      survivor { id profile { ...StewardGolden } records { source sourceRecordId } }\n    }\n  }\n": types.StewardPreviewMergeDocument,
    "\n  query StewardQueue($min: Float, $max: Float, $olderThan: DateTime, $source: String, $order: ReviewOrder, $first: Int) {\n    reviewItems(minProbability: $min, maxProbability: $max, olderThan: $olderThan, source: $source, order: $order, first: $first) {\n      id\n      probability\n      createdAt\n      reasons\n      assignee\n      a { id profile { fullName { value } recordCount } }\n      b { id profile { fullName { value } recordCount } }\n      pairs { probability }\n    }\n  }\n": types.StewardQueueDocument,
    "\n  query StewardQueueStats {\n    reviewQueueStats { size pairs oldest }\n    sources { name }\n  }\n": types.StewardQueueStatsDocument,
    "\n  query StewardResolvePreview {\n    previewResolveAll {\n      records modelVersion customersBefore customersAfter merged split grown unchanged newCustomers links reviews\n      heldBack { clusterSizeLimit weakBridge }\n      sizes { median p90 p99 largest }\n      largest { customerId records fromCustomers }\n      refusals\n    }\n  }\n": types.StewardResolvePreviewDocument,
    "\n  query StewardReviewItem($id: ID!) {\n    reviewItem(id: $id) {\n      id\n      probability\n      createdAt\n      reasons\n      assignee\n      a { id createdAt profile { ...StewardGolden } records { source sourceRecordId } }\n      b { id createdAt profile { ...StewardGolden } records { source sourceRecordId } }\n      pairs {\n        a { source sourceRecordId }\n        b { source sourceRecordId }\n        probability\n        reason\n        blockedBy\n        explanation {\n          decision\n          rule\n          modelVersion\n          probability\n          sentence\n          prior { matchProbability weight sentence }\n          steps { comparison label weight bayesFactor sentence }\n        }\n      }\n    }\n  }\n": types.StewardReviewItemDocument,
    "\n  query StewardPreviewSplit($id: ID!, $records: [RecordRef!]!, $target: SplitTarget!) {\n    previewSplit(customerId: $id, records: $records, target: $target) {\n      dryRun\n      from { id profile { ...StewardGolden } records { source sourceRecordId } }\n      to { id profile { ...StewardGolden } records { source sourceRecordId } }\n    }\n  }\n": types.StewardPreviewSplitDocument,
    "\n  query AgentSearch($q: String!) {\n    searchCustomers(query: $q, first: 20) {\n      edges {\n        score\n        matchedOn { field how }\n        node { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } }\n      }\n    }\n  }\n": types.AgentSearchDocument,
    "\n  query AgentNumberLookup($type: IdentifierType!, $value: String!) {\n    customersByIdentifier(type: $type, value: $value, first: 5) { customers { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } } }\n  }\n": types.AgentNumberLookupDocument,
    "\n  query AgentCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      redirected\n      profile {\n        fullName { value }\n        dateOfBirth { value }\n        emails { value preferred }\n        phones { value preferred }\n        addresses { value preferred }\n        recordCount\n      }\n      summary { openTicketCount orderCount lifetimeValue { currency amount } lastOrderAt lastEmailEngagementAt }\n      tickets: timeline(first: 10, types: [TICKET]) { edges { node { source sourceId occurredAt status category subtype channel } } }\n      activity: timeline(first: 15, types: [ORDER, EMAIL_EVENT]) { edges { node { source type sourceId occurredAt status subtype channel currency total reference } } }\n    }\n  }\n": types.AgentCustomerDocument,
    "\n  mutation VerifyCaller($id: ID!, $answers: VerifyCallerAnswers!) {\n    verifyCaller(customerId: $id, answers: $answers) { status verified locked matched required attemptsLeft unlockedUntil lockedUntil }\n  }\n": types.VerifyCallerDocument,
    "\n  query AuditTrailCustomer($id: ID!) {\n    customer(id: $id) { id requestedId redirected status }\n  }\n": types.AuditTrailCustomerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMe {\n    me { id roles }\n  }\n"): typeof import('./graphql').ConsoleMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailAccessLog($id: ID!, $from: DateTime!, $to: DateTime!) {\n    customerAccessLog(customerId: $id, from: $from, to: $to) { id seq at actor role requestId operation fields detail }\n  }\n"): typeof import('./graphql').AuditTrailAccessLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailAttributeHistory($id: ID!, $attribute: GoldenAttribute!) {\n    attributeHistory(customerId: $id, attribute: $attribute) { customerId at value rule source sourceRecordId actor role }\n  }\n"): typeof import('./graphql').AuditTrailAttributeHistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailVerifyChain($anchors: [AuditAnchorInput!]) {\n    verifyAuditChain(anchors: $anchors) { ok entries head brokenAtSeq brokenEntryId brokenReason }\n  }\n"): typeof import('./graphql').AuditTrailVerifyChainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailDecisions($id: ID!) {\n    decisions(customerId: $id) { id kind at by reason attribute records { source sourceRecordId } otherRecords { source sourceRecordId } }\n  }\n"): typeof import('./graphql').AuditTrailDecisionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailMergePath($id: ID!) {\n    mergePath(customerId: $id) { id kind at actor role reason evidence records undoes from into }\n  }\n"): typeof import('./graphql').AuditTrailMergePathDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailLineageEntries($id: ID!) {\n    auditTrail(customerId: $id, operations: [MERGE, SPLIT, UNMERGE, UNDO], first: 500) { id operation recordKeys detail }\n  }\n"): typeof import('./graphql').AuditTrailLineageEntriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityGraphExplain($a: RecordRef!, $b: RecordRef!) {\n    explainMatch(a: $a, b: $b) { decision rule probability sentence stored modelVersion }\n  }\n"): typeof import('./graphql').IdentityGraphExplainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityGraphHousehold($id: ID!) {\n    customer(id: $id) { id household { id evidence { kind value records } } organisations { id name role sources } }\n  }\n"): typeof import('./graphql').IdentityGraphHouseholdDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityGraphLineage($id: ID!) {\n    mergePath(customerId: $id) { id kind at actor role reason records from into }\n  }\n"): typeof import('./graphql').IdentityGraphLineageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityGraph($id: ID!, $depth: Int) {\n    identityGraph(customerId: $id, depth: $depth) {\n      nodes { id kind label hub ref }\n      edges { from to kind }\n      truncated\n    }\n  }\n"): typeof import('./graphql').IdentityGraphDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrivacyDeskRequests($filter: PrivacyRequestFilter, $first: Int) {\n    privacyRequests(filter: $filter, first: $first) {\n      id kind customerId status receivedAt dueAt overdue extensionReason openedBy consentDecision closedAt\n      verification { method reference verifiedBy verifiedAt }\n      log { at step status actor role note }\n    }\n  }\n"): typeof import('./graphql').PrivacyDeskRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrivacyDeskRequest($id: ID!) {\n    privacyRequest(id: $id) {\n      id kind customerId status receivedAt dueAt overdue extensionReason openedBy consentDecision closedAt\n      verification { method reference verifiedBy verifiedAt }\n      log { at step status actor role note }\n    }\n  }\n"): typeof import('./graphql').PrivacyDeskRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskOpen($kind: PrivacyRequestKind!, $customerId: ID!, $receivedAt: DateTime, $note: String) {\n    openPrivacyRequest(kind: $kind, customerId: $customerId, receivedAt: $receivedAt, note: $note) { id }\n  }\n"): typeof import('./graphql').PrivacyDeskOpenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskVerify($id: ID!, $method: RequesterVerificationMethod!, $reference: String!) {\n    verifyPrivacyRequester(id: $id, method: $method, reference: $reference) { id status }\n  }\n"): typeof import('./graphql').PrivacyDeskVerifyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskExtend($id: ID!, $reason: String!) { extendPrivacyRequest(id: $id, reason: $reason) { id dueAt } }\n"): typeof import('./graphql').PrivacyDeskExtendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskReject($id: ID!, $reason: String!) { rejectPrivacyRequest(id: $id, reason: $reason) { id status } }\n"): typeof import('./graphql').PrivacyDeskRejectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskExport($requestId: ID!) {\n    exportPersonalData(requestId: $requestId) { requestId customerId generatedAt document }\n  }\n"): typeof import('./graphql').PrivacyDeskExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskRestrict($requestId: ID!) { restrictProcessing(requestId: $requestId) { id status } }\n"): typeof import('./graphql').PrivacyDeskRestrictDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskDecideConsent($requestId: ID!, $decision: ConsentDecision!) { decideConsentRequest(requestId: $requestId, decision: $decision) { id status } }\n"): typeof import('./graphql').PrivacyDeskDecideConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrivacyDeskErasureScope($id: ID!) {\n    customer(id: $id) {\n      id requestedId redirected status\n      records { source sourceRecordId }\n      identifiers { type }\n      summary { interactionCount orderCount }\n    }\n  }\n"): typeof import('./graphql').PrivacyDeskErasureScopeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskErase($requestId: ID!) {\n    erasePerson(requestId: $requestId) {\n      complete customers records identifierCount sharedIdentifierCount interactions tombstoneKeys auditEntriesRedacted legacyAuditEntries\n      request { id status }\n    }\n  }\n"): typeof import('./graphql').PrivacyDeskEraseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrivacyDeskHeldBack($status: HeldBackStatus) {\n    heldBackRecords(status: $status, first: 100) { id source requestId matchedOn at status decidedBy decidedAt }\n  }\n"): typeof import('./graphql').PrivacyDeskHeldBackDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskRelease($id: ID!, $reason: String!) { releaseHeldBackRecord(id: $id, reason: $reason) { id status } }\n"): typeof import('./graphql').PrivacyDeskReleaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PrivacyDeskDiscard($id: ID!, $reason: String!) { discardHeldBackRecord(id: $id, reason: $reason) { id status } }\n"): typeof import('./graphql').PrivacyDeskDiscardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrivacyDeskFind($q: String!) {\n    searchCustomers(query: $q, first: 8) { edges { node { id profile { fullName { value } recordCount } } } }\n  }\n"): typeof import('./graphql').PrivacyDeskFindDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsExport($id: ID!, $channel: ExportChannel!, $after: String, $thirdParty: Boolean) {\n    exportSegment(id: $id, channel: $channel, first: 1000, after: $after, thirdParty: $thirdParty) {\n      contacts { customerId value }\n      suppressed { customerId reason }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql').SegmentsExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsCount($definition: JSON!) {\n    countSegment(definition: $definition)\n  }\n"): typeof import('./graphql').SegmentsCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SegmentsCreate($name: String!, $definition: JSON!) {\n    createSegment(input: { name: $name, definition: $definition }) {\n      id name version count\n      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }\n    }\n  }\n"): typeof import('./graphql').SegmentsCreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SegmentsUpdate($id: ID!, $definition: JSON!) {\n    updateSegment(id: $id, definition: $definition) {\n      id name version count\n      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }\n    }\n  }\n"): typeof import('./graphql').SegmentsUpdateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentsLoad($id: ID!) {\n    segment(id: $id) {\n      id name version definition count\n      members(first: 10) { edges { node { id summary { orderCount openTicketCount lastInteractionAt lifetimeValue { currency amount } } } } pageInfo { hasNextPage } }\n    }\n  }\n"): typeof import('./graphql').SegmentsLoadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StewardDataQualitySummary {\n    dataQualitySummary { source code issues records }\n  }\n"): typeof import('./graphql').StewardDataQualitySummaryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StewardDataQualityIssues($source: String!) {\n    dataQualityIssues(source: $source, first: 50) { id sourceRecordId field code reason raw at }\n  }\n"): typeof import('./graphql').StewardDataQualityIssuesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StewardApprove($ids: [ID!]!, $reason: String) {\n    approveReviewItems(ids: $ids, reason: $reason) { id outcome pairs customerId errorCode errorMessage }\n  }\n"): typeof import('./graphql').StewardApproveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StewardReject($ids: [ID!]!, $reason: String) {\n    rejectReviewItems(ids: $ids, reason: $reason) { id outcome pairs customerId errorCode errorMessage }\n  }\n"): typeof import('./graphql').StewardRejectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StewardGolden on GoldenProfile {\n    fullName { value }\n    givenName { value }\n    familyName { value }\n    dateOfBirth { value }\n    emails { value preferred }\n    phones { value preferred }\n    addresses { value postcode preferred }\n    recordCount\n  }\n"): typeof import('./graphql').StewardGoldenFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StewardMergePath($id: ID!) {\n    mergePath(customerId: $id) { id kind at actor role reason records undoes from into }\n  }\n"): typeof import('./graphql').StewardMergePathDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StewardUnmerge($eventId: ID!, $reason: String!) {\n    unmergeCustomers(eventId: $eventId, reason: $reason) { eventIds from { id } to { id } }\n  }\n"): typeof import('./graphql').StewardUnmergeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StewardPreviewMerge($a: ID!, $b: ID!) {\n    previewMerge(a: $a, b: $b) {\n      dryRun\n      mergedAway\n      survivor { id profile { ...StewardGolden } records { source sourceRecordId } }\n    }\n  }\n"): typeof import('./graphql').StewardPreviewMergeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StewardQueue($min: Float, $max: Float, $olderThan: DateTime, $source: String, $order: ReviewOrder, $first: Int) {\n    reviewItems(minProbability: $min, maxProbability: $max, olderThan: $olderThan, source: $source, order: $order, first: $first) {\n      id\n      probability\n      createdAt\n      reasons\n      assignee\n      a { id profile { fullName { value } recordCount } }\n      b { id profile { fullName { value } recordCount } }\n      pairs { probability }\n    }\n  }\n"): typeof import('./graphql').StewardQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StewardQueueStats {\n    reviewQueueStats { size pairs oldest }\n    sources { name }\n  }\n"): typeof import('./graphql').StewardQueueStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StewardResolvePreview {\n    previewResolveAll {\n      records modelVersion customersBefore customersAfter merged split grown unchanged newCustomers links reviews\n      heldBack { clusterSizeLimit weakBridge }\n      sizes { median p90 p99 largest }\n      largest { customerId records fromCustomers }\n      refusals\n    }\n  }\n"): typeof import('./graphql').StewardResolvePreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StewardReviewItem($id: ID!) {\n    reviewItem(id: $id) {\n      id\n      probability\n      createdAt\n      reasons\n      assignee\n      a { id createdAt profile { ...StewardGolden } records { source sourceRecordId } }\n      b { id createdAt profile { ...StewardGolden } records { source sourceRecordId } }\n      pairs {\n        a { source sourceRecordId }\n        b { source sourceRecordId }\n        probability\n        reason\n        blockedBy\n        explanation {\n          decision\n          rule\n          modelVersion\n          probability\n          sentence\n          prior { matchProbability weight sentence }\n          steps { comparison label weight bayesFactor sentence }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').StewardReviewItemDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StewardPreviewSplit($id: ID!, $records: [RecordRef!]!, $target: SplitTarget!) {\n    previewSplit(customerId: $id, records: $records, target: $target) {\n      dryRun\n      from { id profile { ...StewardGolden } records { source sourceRecordId } }\n      to { id profile { ...StewardGolden } records { source sourceRecordId } }\n    }\n  }\n"): typeof import('./graphql').StewardPreviewSplitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentSearch($q: String!) {\n    searchCustomers(query: $q, first: 20) {\n      edges {\n        score\n        matchedOn { field how }\n        node { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } }\n      }\n    }\n  }\n"): typeof import('./graphql').AgentSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentNumberLookup($type: IdentifierType!, $value: String!) {\n    customersByIdentifier(type: $type, value: $value, first: 5) { customers { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } } }\n  }\n"): typeof import('./graphql').AgentNumberLookupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      redirected\n      profile {\n        fullName { value }\n        dateOfBirth { value }\n        emails { value preferred }\n        phones { value preferred }\n        addresses { value preferred }\n        recordCount\n      }\n      summary { openTicketCount orderCount lifetimeValue { currency amount } lastOrderAt lastEmailEngagementAt }\n      tickets: timeline(first: 10, types: [TICKET]) { edges { node { source sourceId occurredAt status category subtype channel } } }\n      activity: timeline(first: 15, types: [ORDER, EMAIL_EVENT]) { edges { node { source type sourceId occurredAt status subtype channel currency total reference } } }\n    }\n  }\n"): typeof import('./graphql').AgentCustomerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyCaller($id: ID!, $answers: VerifyCallerAnswers!) {\n    verifyCaller(customerId: $id, answers: $answers) { status verified locked matched required attemptsLeft unlockedUntil lockedUntil }\n  }\n"): typeof import('./graphql').VerifyCallerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditTrailCustomer($id: ID!) {\n    customer(id: $id) { id requestedId redirected status }\n  }\n"): typeof import('./graphql').AuditTrailCustomerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
