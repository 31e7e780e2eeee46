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
    "\n  query AgentSearch($q: String!) {\n    searchCustomers(query: $q, first: 20) {\n      edges {\n        score\n        matchedOn { field how }\n        node { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } }\n      }\n    }\n  }\n": typeof types.AgentSearchDocument,
    "\n  query AgentNumberLookup($type: IdentifierType!, $value: String!) {\n    customersByIdentifier(type: $type, value: $value, first: 5) { customers { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } } }\n  }\n": typeof types.AgentNumberLookupDocument,
    "\n  query AgentCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      redirected\n      profile {\n        fullName { value }\n        dateOfBirth { value }\n        emails { value preferred }\n        phones { value preferred }\n        addresses { value preferred }\n        recordCount\n      }\n      summary { openTicketCount orderCount lifetimeValue { currency amount } lastOrderAt lastEmailEngagementAt }\n      tickets: timeline(first: 10, types: [TICKET]) { edges { node { source sourceId occurredAt status category subtype channel } } }\n      activity: timeline(first: 15, types: [ORDER, EMAIL_EVENT]) { edges { node { source type sourceId occurredAt status subtype channel currency total reference } } }\n    }\n  }\n": typeof types.AgentCustomerDocument,
    "\n  mutation VerifyCaller($id: ID!, $answers: VerifyCallerAnswers!) {\n    verifyCaller(customerId: $id, answers: $answers) { status verified locked matched required attemptsLeft unlockedUntil lockedUntil }\n  }\n": typeof types.VerifyCallerDocument,
};
const documents: Documents = {
    "\n  query ConsoleMe {\n    me { id roles }\n  }\n": types.ConsoleMeDocument,
    "\n  query AgentSearch($q: String!) {\n    searchCustomers(query: $q, first: 20) {\n      edges {\n        score\n        matchedOn { field how }\n        node { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } }\n      }\n    }\n  }\n": types.AgentSearchDocument,
    "\n  query AgentNumberLookup($type: IdentifierType!, $value: String!) {\n    customersByIdentifier(type: $type, value: $value, first: 5) { customers { id profile { fullName { value } } summary { openTicketCount lastInteractionAt } } }\n  }\n": types.AgentNumberLookupDocument,
    "\n  query AgentCustomer($id: ID!) {\n    customer(id: $id) {\n      id\n      redirected\n      profile {\n        fullName { value }\n        dateOfBirth { value }\n        emails { value preferred }\n        phones { value preferred }\n        addresses { value preferred }\n        recordCount\n      }\n      summary { openTicketCount orderCount lifetimeValue { currency amount } lastOrderAt lastEmailEngagementAt }\n      tickets: timeline(first: 10, types: [TICKET]) { edges { node { source sourceId occurredAt status category subtype channel } } }\n      activity: timeline(first: 15, types: [ORDER, EMAIL_EVENT]) { edges { node { source type sourceId occurredAt status subtype channel currency total reference } } }\n    }\n  }\n": types.AgentCustomerDocument,
    "\n  mutation VerifyCaller($id: ID!, $answers: VerifyCallerAnswers!) {\n    verifyCaller(customerId: $id, answers: $answers) { status verified locked matched required attemptsLeft unlockedUntil lockedUntil }\n  }\n": types.VerifyCallerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMe {\n    me { id roles }\n  }\n"): typeof import('./graphql').ConsoleMeDocument;
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


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
