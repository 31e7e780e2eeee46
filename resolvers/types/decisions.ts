import type { DecisionKind, DecisionRecordResolvers, LiftDecisionResultResolvers, StewardDecisionResolvers } from '../../src/generated/graphql.ts';
import type { DecisionKindName } from '../../src/membership/decision.service.ts';
import { enumOfAttribute } from '../attributes.ts';

const KINDS: Record<DecisionKindName, DecisionKind> = { 'must-link': 'MUST_LINK', 'cannot-link': 'CANNOT_LINK', split: 'SPLIT', pin: 'PIN' };

/** A record key (`source|sourceRecordId`) as the record it names. */
const recordOf = (key: string) => {
  const at = key.indexOf('|');
  return { source: key.slice(0, at), sourceRecordId: key.slice(at + 1) };
};

export const StewardDecision: StewardDecisionResolvers = {
  kind: (d) => KINDS[d.kind],
  records: (d) => d.recordKeys.map(recordOf),
  otherRecords: (d) => d.otherKeys.map(recordOf),
  attribute: (d) => (d.attribute === null ? null : enumOfAttribute(d.attribute)),
};

export const LiftDecisionResult: LiftDecisionResultResolvers = {
  kind: (d) => KINDS[d.kind],
  records: (d) => d.recordKeys.map(recordOf),
};

export const DecisionRecord: DecisionRecordResolvers = {};
