import { int, rowsOf } from '../../graph/executor.ts';
import { nodeItemSchema, plainProperties, plainValue, type ExportReader, type ExportScope, type ExportSection, type JsonSchema } from './export-section.ts';
import * as q from './export.cypher.ts';
import { consentExportSection } from '../consent/consent.export.ts';

type Props = Record<string, unknown>;

/** Interactions per page: a customer with many thousands is read a page at a time. */
export const INTERACTION_PAGE = 1_000;
/** Audit entries per page of the scan from the person's first moment on. */
export const AUDIT_PAGE = 5_000;

/** The audit chain's internals: salts would let a guess be tested, digests and version say nothing about the person. */
const AUDIT_OMITS = {
  recordKeySalts: 'chain internals: a salt lets a guessed value be tested, and covers other people\u2019s record keys too',
  recordKeyDigests: 'chain internals, of other people\u2019s record keys too',
  reasonSalt: 'chain internals',
  reasonDigest: 'chain internals',
  v: 'chain format version',
} as const;

const rows = async <R>(reader: ExportReader, query: string, params: Record<string, unknown>) => rowsOf<R & Record<string, unknown>>(await reader.tx.run(query, params)) as R[];

/** A section whose items are the properties of nodes one query returns (`props`), with what else the row adds. */
function nodes(
  name: string,
  description: string,
  required: string[],
  query: string,
  params: (scope: ExportScope) => Record<string, unknown>,
  extra: (row: Props, reader: ExportReader) => Props = () => ({}),
  extraSchema: Record<string, JsonSchema> = {},
): ExportSection {
  return {
    name,
    description,
    itemSchema: nodeItemSchema(required, extraSchema),
    async collect(reader, scope) {
      const found = await rows<Props>(reader, query, params(scope));
      return found.map((row) => ({ ...plainProperties(row['props'] as Props, reader.codec), ...extra(row, reader) }));
    },
  };
}

const byIds = (scope: ExportScope) => ({ ids: scope.customerIds });
const byRecords = (scope: ExportScope) => ({ keys: scope.recordKeys });
const strings = { type: 'array', items: { type: 'string' } };

const interactions: ExportSection = {
  name: 'interactions',
  description: 'Orders, invoices, tickets, e-mail and web events of the records and identifiers, in key order.',
  itemSchema: nodeItemSchema(['key'], { heldBy: strings }),
  async collect(reader, scope) {
    const out: unknown[] = [];
    let after = '';
    for (;;) {
      const page = await rows<{ props: Props; heldBy: string[] }>(reader, q.INTERACTIONS_PAGE, {
        recordKeys: scope.recordKeys,
        identifierKeys: scope.identifierKeys,
        after,
        page: int(INTERACTION_PAGE),
      });
      for (const row of page) out.push({ ...plainProperties(row.props, reader.codec), heldBy: row.heldBy.sort() });
      if (page.length < INTERACTION_PAGE) return out;
      after = String(page.at(-1)!.props['key']);
    }
  },
};

/** Audit entries naming the person, record keys of others left out; reads of the profile apart. */
function auditSections(): ExportSection[] {
  const cache = new WeakMap<ExportScope, Promise<{ reads: unknown[]; others: unknown[] }>>();
  const scan = async (reader: ExportReader, scope: ExportScope) => {
    const ids = new Set(scope.customerIds);
    const keys = new Set(scope.recordKeys);
    const reads: unknown[] = [];
    const others: unknown[] = [];
    let afterAt = scope.since;
    let afterId = '';
    for (;;) {
      const page = await rows<{ at: string; id: string; props: Props | null }>(reader, q.AUDIT_PAGE, { afterAt, afterId, ids: scope.customerIds, keys: scope.recordKeys, page: int(AUDIT_PAGE) });
      for (const row of page) {
        if (!row.props) continue;
        const entry = plainProperties(row.props, reader.codec, AUDIT_OMITS);
        entry['customerIds'] = (row.props['customerIds'] as string[]).filter((id) => ids.has(id));
        entry['recordKeys'] = (row.props['recordKeys'] as string[]).filter((key) => keys.has(key));
        (row.props['operation'] === 'read.profile' ? reads : others).push(entry);
      }
      if (page.length < AUDIT_PAGE) return { reads, others };
      afterAt = page.at(-1)!.at;
      afterId = page.at(-1)!.id;
    }
  };
  const once = (reader: ExportReader, scope: ExportScope) => {
    let found = cache.get(scope);
    if (!found) cache.set(scope, (found = scan(reader, scope)));
    return found;
  };
  const schema = nodeItemSchema(['id', 'at', 'actor', 'role', 'operation'], { customerIds: strings, recordKeys: strings, fields: strings });
  return [
    {
      name: 'profileReads',
      description: 'Who read the profile: actor, role, when, and which personal fields (read.profile audit entries).',
      itemSchema: schema,
      omits: AUDIT_OMITS,
      collect: async (reader, scope) => (await once(reader, scope)).reads,
    },
    {
      name: 'auditTrail',
      description: 'Every other audited operation naming the person: ingests, merges, pins, requests; other people\u2019s ids left out.',
      itemSchema: schema,
      omits: AUDIT_OMITS,
      collect: async (reader, scope) => (await once(reader, scope)).others,
    },
  ];
}

/** The sections every export has, in document order. */
export function builtInSections(): ExportSection[] {
  return [
    nodes('customers', 'The customer and every customer merged into it: golden record with provenance, pins, derived search and segment values.', ['id'], q.CUSTOMERS, byIds),
    nodes(
      'sourceRecords',
      'Every source record as stored: the person as the source sent it (attrs, decoded), clocks, membership, blocking keys.',
      ['key', 'source', 'sourceRecordId'],
      q.RECORDS,
      byRecords,
      (row, reader) => ({ membership: plainValue(row['membership'], reader.codec), blockingKeys: plainValue(row['blockingKeys'], reader.codec) }),
    ),
    nodes('identifiers', 'Identifiers the records carry (e-mails, phones, account numbers...), with the records that carry them.', ['key', 'type'], q.IDENTIFIERS, (s) => ({ keys: s.identifierKeys, recordKeys: s.recordKeys }), (row) => ({ records: row['records'] })),
    interactions,
    nodes('dataQualityIssues', 'Values a record was stored without, as sent.', ['key'], q.QUALITY_ISSUES, byRecords, (row) => ({ recordKey: row['recordKey'] })),
    nodes('enrichment', 'Partner enrichment on the identifiers, with its earlier versions.', ['id'], q.ENRICHMENT, (s) => ({ keys: s.identifierKeys }), (row, reader) => ({
      versions: (row['versions'] as Props[]).map((v) => plainProperties(v, reader.codec)),
    })),
    nodes('households', 'Households the person is a member of.', ['id'], q.HOUSEHOLDS, byIds, (row, reader) => ({ customerId: row['customerId'], membership: plainValue(row['membership'], reader.codec) })),
    nodes('organisations', 'Organisations the person is affiliated with.', ['id'], q.ORGANISATIONS, byIds, (row, reader) => ({ customerId: row['customerId'], affiliation: plainValue(row['affiliation'], reader.codec) })),
    consentExportSection,
    nodes('goldenHistory', 'Every change of a golden value, with the record, rule and actor behind it.', ['customerId', 'attribute'], q.GOLDEN_HISTORY, byIds),
    nodes('lineage', 'Merges, splits and unmerges that moved the records.', ['id', 'kind'], q.LINEAGE, byIds, (row) => ({ fromCustomer: row['fromCustomer'], toCustomer: row['toCustomer'] })),
    nodes('merges', 'The merge edges of customers merged into the person.', [], q.MERGE_EDGES, byIds, (row) => ({ customerId: row['customerId'], into: row['into'] })),
    nodes('decisions', 'Steward decisions (must-link, split) over the records.', ['id'], q.DECISIONS, byRecords, (row) => ({ kind: row['kind'], records: row['records'] })),
    nodes('liftedDecisions', 'Steward decisions lifted since, as they were.', ['id'], q.LIFTED_DECISIONS, byRecords),
    nodes('matchEvidence', 'Match evidence and cannot-links between the records and others (other people\u2019s records not named).', [], q.MATCH_EVIDENCE, byRecords, (row) => ({
      kind: row['kind'],
      record: row['record'],
      otherRecord: row['otherRecord'],
    })),
    nodes('rejectedRecords', 'Versions of the records a source sent that failed validation.', ['id'], q.REJECTED, (s) => ({ pairs: s.sourceRecords })),
    nodes('changeEvents', 'Change events about the person and their webhook deliveries (ids and attribute names).', ['id'], q.CHANGE_EVENTS, byIds, (row, reader) => ({
      deliveries: (row['deliveries'] as Props[]).map((d) => plainProperties(d, reader.codec)),
    })),
    nodes('suppressions', 'Suppression lists the person is on.', ['key'], q.SUPPRESSIONS, byIds),
    nodes('privacyRequests', 'The person\u2019s data subject requests and every step of them.', ['id', 'kind', 'status'], q.PRIVACY_REQUESTS, byIds),
    nodes('callerVerifications', 'Step-up verifications of callers claiming to be the person.', ['agentId', 'customerId'], q.CALLER_VERIFICATIONS, byIds),
    ...auditSections(),
  ];
}
