import type { AttributeChangeResolvers, AuditChainStatusResolvers, AuditEntryResolvers, LineageStepResolvers } from '../../src/generated/graphql.ts';
import { ruleOf } from './golden.ts';
import { enumNameOf } from '../Query/audit.ts';

const parsed = (json: string | null): unknown => (json ? JSON.parse(json) : null);

const LINEAGE_KINDS = { merge: 'MERGE', split: 'SPLIT', unmerge: 'UNMERGE', undo: 'UNDO' } as const;

export const AuditEntry: AuditEntryResolvers = {
  operation: (e) => enumNameOf(e.operation),
  detail: (e) => parsed(e.detail),
};

export const LineageStep: LineageStepResolvers = {
  kind: (s) => LINEAGE_KINDS[s.kind as keyof typeof LINEAGE_KINDS] ?? 'UNMERGE',
  evidence: (s) => parsed(s.evidence),
  into: (s) => s.to,
};

export const AttributeChange: AttributeChangeResolvers = {
  rule: (c) => ruleOf(c.rule),
  sourceRecordId: (c) => (c.recordKey && c.source ? c.recordKey.slice(c.source.length + 1) : null),
};

export const AuditChainStatus: AuditChainStatusResolvers = {
  head: (s) => (s.ok ? s.head : null),
  brokenAtSeq: (s) => (s.ok ? null : s.brokenAt.seq),
  brokenEntryId: (s) => (s.ok ? null : s.brokenAt.id),
  brokenReason: (s) => (s.ok ? null : s.brokenAt.reason),
};
