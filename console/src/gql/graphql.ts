/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export const ConsoleMeDocument = new TypedDocumentString(`
    query ConsoleMe {
  me {
    id
    roles
  }
}
    `) as unknown as TypedDocumentString<ConsoleMeQuery, ConsoleMeQueryVariables>;
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