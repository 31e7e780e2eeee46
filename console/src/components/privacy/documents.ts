import { graphql } from '../../gql/index.ts';
import type { PrivacyDeskRequestsQuery, PrivacyRequestKind, PrivacyRequestStatus, RequesterVerificationMethod } from '../../gql/graphql.ts';

export const RequestsDocument = graphql(`
  query PrivacyDeskRequests($filter: PrivacyRequestFilter, $first: Int) {
    privacyRequests(filter: $filter, first: $first) {
      id kind customerId status receivedAt dueAt overdue extensionReason openedBy consentDecision closedAt
      verification { method reference verifiedBy verifiedAt }
      log { at step status actor role note }
    }
  }
`);

export type Request = PrivacyDeskRequestsQuery['privacyRequests'][number];

export const RequestDocument = graphql(`
  query PrivacyDeskRequest($id: ID!) {
    privacyRequest(id: $id) {
      id kind customerId status receivedAt dueAt overdue extensionReason openedBy consentDecision closedAt
      verification { method reference verifiedBy verifiedAt }
      log { at step status actor role note }
    }
  }
`);

export const OpenDocument = graphql(`
  mutation PrivacyDeskOpen($kind: PrivacyRequestKind!, $customerId: ID!, $receivedAt: DateTime, $note: String) {
    openPrivacyRequest(kind: $kind, customerId: $customerId, receivedAt: $receivedAt, note: $note) { id }
  }
`);

export const VerifyDocument = graphql(`
  mutation PrivacyDeskVerify($id: ID!, $method: RequesterVerificationMethod!, $reference: String!) {
    verifyPrivacyRequester(id: $id, method: $method, reference: $reference) { id status }
  }
`);

export const ExtendDocument = graphql(`
  mutation PrivacyDeskExtend($id: ID!, $reason: String!) { extendPrivacyRequest(id: $id, reason: $reason) { id dueAt } }
`);

export const RejectDocument = graphql(`
  mutation PrivacyDeskReject($id: ID!, $reason: String!) { rejectPrivacyRequest(id: $id, reason: $reason) { id status } }
`);

export const ExportDocument = graphql(`
  mutation PrivacyDeskExport($requestId: ID!) {
    exportPersonalData(requestId: $requestId) { requestId customerId generatedAt document }
  }
`);

export const RestrictDocument = graphql(`
  mutation PrivacyDeskRestrict($requestId: ID!) { restrictProcessing(requestId: $requestId) { id status } }
`);

export const DecideConsentDocument = graphql(`
  mutation PrivacyDeskDecideConsent($requestId: ID!, $decision: ConsentDecision!) { decideConsentRequest(requestId: $requestId, decision: $decision) { id status } }
`);

/** What an erasure will delete, read before the officer confirms: ids and counts, no personal value. */
export const ErasureScopeDocument = graphql(`
  query PrivacyDeskErasureScope($id: ID!) {
    customer(id: $id) {
      id requestedId redirected status
      records { source sourceRecordId }
      identifiers { type }
      summary { interactionCount orderCount }
    }
  }
`);

export const EraseDocument = graphql(`
  mutation PrivacyDeskErase($requestId: ID!) {
    erasePerson(requestId: $requestId) {
      complete customers records identifierCount sharedIdentifierCount interactions tombstoneKeys auditEntriesRedacted legacyAuditEntries
      request { id status }
    }
  }
`);

export const HeldBackDocument = graphql(`
  query PrivacyDeskHeldBack($status: HeldBackStatus) {
    heldBackRecords(status: $status, first: 100) { id source requestId matchedOn at status decidedBy decidedAt }
  }
`);

export const ReleaseHeldBackDocument = graphql(`
  mutation PrivacyDeskRelease($id: ID!, $reason: String!) { releaseHeldBackRecord(id: $id, reason: $reason) { id status } }
`);

export const DiscardHeldBackDocument = graphql(`
  mutation PrivacyDeskDiscard($id: ID!, $reason: String!) { discardHeldBackRecord(id: $id, reason: $reason) { id status } }
`);

export const FindCustomerDocument = graphql(`
  query PrivacyDeskFind($q: String!) {
    searchCustomers(query: $q, first: 8) { edges { node { id profile { fullName { value } recordCount } } } }
  }
`);

export const kindLabel: Record<PrivacyRequestKind, string> = {
  ACCESS: 'Access (Art. 15)',
  PORTABILITY: 'Portability (Art. 20)',
  ERASURE: 'Erasure (Art. 17)',
  RECTIFICATION: 'Rectification (Art. 16)',
  RESTRICTION: 'Restriction (Art. 18)',
  OBJECTION: 'Objection (Art. 21)',
  DO_NOT_SELL: 'Do not sell (CCPA)',
};

export const statusLabel: Record<PrivacyRequestStatus, string> = {
  RECEIVED: 'Received',
  VERIFIED: 'Verified',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  REJECTED: 'Rejected',
};

export const methodLabel: Record<RequesterVerificationMethod, string> = {
  ID_DOCUMENT_SEEN: 'ID document seen',
  ACCOUNT_LOGIN: 'Account login',
  EMAIL_CONFIRMATION: 'E-mail confirmation',
  KNOWLEDGE_CHECK: 'Knowledge check',
  AUTHORISED_AGENT: 'Authorised agent',
  OTHER: 'Other',
};

export const isOpen = (status: PrivacyRequestStatus) => status !== 'COMPLETED' && status !== 'REJECTED';

/** Whole days from now to the date: negative when past. */
export const daysUntil = (iso: string) => Math.floor((Date.parse(iso) - Date.now()) / 86_400_000);
