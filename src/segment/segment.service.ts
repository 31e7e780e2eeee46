import { randomUUID } from 'node:crypto';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { int, rowsOf, type GraphExecutor, type ReadLimits } from '../graph/executor.ts';
import type { GoldenRecord } from '../golden/survivorship.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { activityRules } from '../profile/activity.ts';
import { compileSegment } from './compile.ts';
import { parseDefinition, type SegmentDefinition } from './definition.ts';
import {
  ADD_TO_SUPPRESSION_LIST,
  CREATE_SEGMENT_VERSION,
  LATEST_SEGMENT,
  MEMBER_FACTS,
  segmentCount,
  segmentMembers,
} from './segment.cypher.ts';
import { defaultConsentSettings, type ConsentSettings } from '../privacy/consent/export-rule.ts';
import { decideExport, suppressionRules, type ExportChannel, type MemberFacts } from './suppression.ts';

export type SegmentModel = {
  id: string;
  name: string;
  description: string | null;
  version: number;
  definition: SegmentDefinition;
  createdBy: string;
  createdAt: string;
};
export type MemberEdge = { cursor: string; node: string };
export type MembersPage = { edges: MemberEdge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
export type ExportPage = {
  contacts: Array<{ customerId: string; value: string }>;
  suppressed: Array<{ customerId: string; reason: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

export const MAX_PAGE = 1000;
const NAME_MAX = 200;

type Row = Omit<SegmentModel, 'definition' | 'version'> & { definition: string; version: number };
// The definition goes through the codec: the values it compares with (a family name, a postcode) are personal.
const toModel = (row: Row, codec: ValueCodec): SegmentModel => ({ ...row, version: Number(row.version), definition: JSON.parse(codec.decode(row.definition)) as SegmentDefinition });

/** A cursor is the customer id, base64url: opaque to clients, checked on the way back. */
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
function decodeCursor(cursor: string | null | undefined): string {
  if (cursor == null) return '';
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[\w.:-]{1,128}$/.test(id)) throw new DomainError('BAD_USER_INPUT', 'Malformed cursor', { clientMessage: 'after is not a cursor this API gave', field: ['after'] });
  return id;
}
function pageSize(first: number | null | undefined): number {
  const n = first ?? 100;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) throw new DomainError('BAD_USER_INPUT', 'Bad page size', { clientMessage: `first must be 1 to ${MAX_PAGE}`, field: ['first'] });
  return n;
}

/** Segment definitions (versioned), their evaluation, suppression lists and exports. */
export class SegmentService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly now: () => number;
  /** A segment visits every customer unless a required interaction drives it: its reads get a limit of their own. */
  private readonly limits: ReadLimits;
  /** Whether marketing without a decision is exported (docs/consent.md). */
  private readonly consent: ConsentSettings;

  constructor(executor: GraphExecutor, codec: ValueCodec, options: { readTimeoutMs?: number; consent?: ConsentSettings } = {}, now: () => number = Date.now) {
    this.limits = options.readTimeoutMs === undefined ? {} : { timeoutMs: options.readTimeoutMs };
    this.consent = options.consent ?? defaultConsentSettings;
    this.executor = executor;
    this.codec = codec;
    this.now = now;
  }

  async create(input: { name: string; description?: string | null; definition: unknown }, actor: Actor): Promise<SegmentModel> {
    const name = input.name.trim();
    if (name.length === 0 || [...name].length > NAME_MAX) throw new DomainError('BAD_USER_INPUT', 'Bad segment name', { clientMessage: `name must be 1 to ${NAME_MAX} characters`, field: ['input', 'name'] });
    const definition = parseDefinition(input.definition, ['input', 'definition']);
    // Compiled once to refuse what the stored attributes cannot answer (startsWith on a hashed one).
    compileSegment(definition, this.now(), this.codec, ['input', 'definition']);
    const id = `seg_${randomUUID()}`;
    return this.writeVersion({ id, version: 1, name, description: input.description?.trim() || null, definition }, actor, 'segment.create');
  }

  async update(id: string, definitionInput: unknown, actor: Actor): Promise<SegmentModel> {
    const definition = parseDefinition(definitionInput, ['definition']);
    compileSegment(definition, this.now(), this.codec, ['definition']);
    const current = await this.get(id);
    if (!current) throw new DomainError('NOT_FOUND', 'No such segment', { clientMessage: 'No such segment', field: ['id'] });
    return this.writeVersion({ ...current, version: current.version + 1, definition }, actor, 'segment.update');
  }

  private async writeVersion(s: Omit<SegmentModel, 'createdBy' | 'createdAt'>, actor: Actor, operation: 'segment.create' | 'segment.update'): Promise<SegmentModel> {
    return this.executor.write(async (tx) => {
      const rows = rowsOf<Row>(
        await tx.run(CREATE_SEGMENT_VERSION, { id: s.id, version: int(s.version), name: s.name, description: s.description, definition: this.codec.encode(JSON.stringify(s.definition)), actor: actor.id }),
      );
      await appendAudit(tx, actor, [{ operation, detail: { segmentId: s.id, version: s.version } }]);
      return toModel(rows[0]!, this.codec);
    });
  }

  async get(id: string): Promise<SegmentModel | null> {
    const rows = await this.executor.readRows<Row>(LATEST_SEGMENT, { id });
    return rows[0] ? toModel(rows[0], this.codec) : null;
  }

  /** A definition's count, nothing written (the console's live count while a marketer edits). */
  async countDefinition(input: unknown): Promise<number> {
    const definition = parseDefinition(input, ['definition']);
    compileSegment(definition, this.now(), this.codec, ['definition']);
    return this.count({ definition });
  }

  async count(segment: Pick<SegmentModel, 'definition'>): Promise<number> {
    const { predicate, params, driver } = compileSegment(segment.definition, this.now(), this.codec);
    const rows = await this.executor.readRows<{ count: number }>(segmentCount(predicate, driver), params, this.limits);
    return Number(rows[0]?.count ?? 0);
  }

  async members(segment: SegmentModel, first: number | null | undefined, after: string | null | undefined): Promise<MembersPage> {
    const limit = pageSize(first);
    const ids = await this.memberIds(segment, limit + 1, decodeCursor(after));
    const page = ids.slice(0, limit);
    return {
      edges: page.map((id) => ({ cursor: encodeCursor(id), node: id })),
      pageInfo: { hasNextPage: ids.length > limit, endCursor: page.length > 0 ? encodeCursor(page.at(-1)!) : null },
    };
  }

  private async memberIds(segment: SegmentModel, limit: number, after: string): Promise<string[]> {
    const { predicate, params, driver } = compileSegment(segment.definition, this.now(), this.codec);
    const rows = await this.executor.readRows<{ id: string }>(segmentMembers(predicate, driver), { ...params, after, limit: int(limit) }, this.limits);
    return rows.map((r) => r.id);
  }

  /** One page of an export: members past the cursor, each a contact or suppressed with its reason. Audited by the caller as a personal read. */
  async exportPage(segment: SegmentModel, channel: ExportChannel, first: number | null | undefined, after: string | null | undefined, thirdParty = false): Promise<ExportPage> {
    const limit = pageSize(first);
    const ids = await this.memberIds(segment, limit + 1, decodeCursor(after));
    const page = ids.slice(0, limit);
    const facts = await this.factsOf(page);
    const decisions = facts.map((f) => decideExport(f, channel, { purpose: { thirdParty }, settings: this.consent }));
    return {
      contacts: decisions.flatMap((d) => (d.suppressed ? [] : [{ customerId: d.customerId, value: d.value }])),
      suppressed: decisions.flatMap((d) => (d.suppressed ? [{ customerId: d.customerId, reason: d.reason }] : [])),
      pageInfo: { hasNextPage: ids.length > limit, endCursor: page.length > 0 ? encodeCursor(page.at(-1)!) : null },
    };
  }

  private async factsOf(ids: readonly string[]): Promise<MemberFacts[]> {
    if (ids.length === 0) return [];
    type FactsRow = { id: string; golden: string | null; openComplaint: boolean; emailStops: string[]; lists: string[] } & {
      consentGranted: string[];
      consentDenied: string[];
      objection: boolean;
      doNotSell: boolean;
    };
    const rows = await this.executor.readRows<FactsRow>(MEMBER_FACTS, {
      ids: [...ids],
      complaintCategories: [...suppressionRules.complaintCategories],
      closedStatuses: [...activityRules.closedTicketStatuses],
      emailStops: Object.keys(suppressionRules.emailStopSubtypes),
    });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      const { consentGranted, consentDenied, objection, doNotSell, ...rest } = r;
      const consent = { granted: consentGranted, denied: consentDenied, objection, doNotSell };
      return [{ ...rest, consent, golden: r.golden ? (JSON.parse(this.codec.decode(r.golden)) as GoldenRecord) : null }];
    });
  }

  async addToSuppressionList(name: string, customerIds: readonly string[], reason: string, actor: Actor): Promise<number> {
    const list = name.trim();
    if (!/^[a-z0-9][a-z0-9_-]{0,62}$/i.test(list)) throw new DomainError('BAD_USER_INPUT', 'Bad list name', { clientMessage: 'name must be 1 to 63 letters, digits, _ or -', field: ['name'] });
    if (customerIds.length === 0 || customerIds.length > MAX_PAGE) throw new DomainError('BAD_USER_INPUT', 'Bad id count', { clientMessage: `customerIds must hold 1 to ${MAX_PAGE} ids`, field: ['customerIds'] });
    return this.executor.write(async (tx) => {
      const rows = rowsOf<{ id: string }>(await tx.run(ADD_TO_SUPPRESSION_LIST, { ids: [...new Set(customerIds)], list, reason, actor: actor.id }));
      const added = rows.map((r) => r.id).sort();
      await appendAudit(tx, actor, [{ operation: 'suppression.add', customerIds: added, reason, detail: { list, count: added.length } }]);
      return added.length;
    });
  }
}
