import { DomainError } from '../errors/domain-error.ts';
import { int, type GraphExecutor } from '../graph/executor.ts';
import type { CustomerModel } from '../golden/customer.model.ts';
import type { IdentifierType } from '../ingest/canonical.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { identifierKeys } from './identifier-keys.ts';
import { CUSTOMERS_PAGE, HOLDERS_OF_IDENTIFIERS, SEARCH_CUSTOMERS, SOURCE_COUNTRIES } from './lookup.cypher.ts';
import { matchReasons, type MatchReason } from './match-reasons.ts';
import { encodeCursor, planSearch, type SearchInput, type SearchPlan } from './search-query.ts';
import { rankHits } from './search-rank.ts';
import { searchNamesOf } from './search-tokens.ts';

export type IdentifierHolders = { customerIds: string[]; customerCount: number; recordCount: number; hub: boolean };
export type SearchEdge = { cursor: string; node: CustomerModel; score: number; matchedOn: MatchReason[] };
export type SearchPage = { edges: SearchEdge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

type HitRow = { id: string; score: number; names: string | null; sounds: string | null; terms: string | null; createdAt: string; updatedAt: string };

/** Index hits a search reads at most: it answers the best matches, not every match. */
const MAX_HITS = 1_000;
/** Customers an identifier filter narrows a search to, at most (a hub beyond it narrows nothing useful). */
const MAX_IDENTIFIER_HOLDERS = 1_000;
export const MAX_HOLDERS_PAGE = 50;
/** How long the sources' default countries are kept (see sourceCountries). */
export const SOURCE_COUNTRIES_TTL_MS = 10_000;

/**
 * Reading a customer by what a caller knows: one identifier (normalized and keyed as
 * ingestion keys it), or a ranked, typo-tolerant search over the golden records' tokens
 * (written by GoldenService.refreshInTx through searchTokensOf).
 */
export class LookupService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;
  private readonly hubDegree: number;
  private countries: { at: number; list: Promise<string[]> } | null = null;

  constructor(executor: GraphExecutor, codec: ValueCodec, hubDegree: number) {
    this.executor = executor;
    this.codec = codec;
    this.hubDegree = hubDegree;
  }

  /** Every customer holding the identifier, by id (survivors of merges); hub when more records carry it than resolution links by. */
  async holders(type: IdentifierType, value: string, country: string | null | undefined): Promise<IdentifierHolders> {
    const countries = type === 'phone' && country == null ? await this.sourceCountries() : [];
    const keys = identifierKeys(type, value, country, countries, this.codec);
    const rows = await this.executor.readRows<{ key: string; records: number; customers: string[] }>(HOLDERS_OF_IDENTIFIERS, { keys });
    const ids = [...new Set(rows.flatMap((r) => r.customers))].sort();
    const recordCount = rows.reduce((sum, r) => sum + Number(r.records), 0);
    return { customerIds: ids, customerCount: ids.length, recordCount, hub: rows.some((r) => Number(r.records) > this.hubDegree) };
  }

  /**
   * The one customer holding the identifier; null when none does. Several customers
   * sharing it (a family phone, a shared mailbox) is no answer to "who is this": AMBIGUOUS,
   * naming customersByIdentifier, never an arbitrary pick.
   */
  async holder(type: IdentifierType, value: string, country: string | null | undefined): Promise<string | null> {
    const found = await this.holders(type, value, country);
    if (found.customerCount > 1) {
      throw new DomainError('AMBIGUOUS', 'Ambiguous identifier lookup', {
        clientMessage: `${found.customerCount} customers hold this identifier; customersByIdentifier lists them`,
        field: ['value'],
      });
    }
    return found.customerIds[0] ?? null;
  }

  async search(input: SearchInput): Promise<SearchPage> {
    const plan = planSearch(input, this.codec);
    const ids = await this.identifierFilter(plan);
    if (ids !== null && ids.length === 0) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    // Opaque tokens rank nothing by spelling: every hit is read (at most MAX_HITS), its
    // names decoded, then ranked and paged here (rankHits) instead of by the index's score.
    const ranksHere = plan.lucene !== null && this.codec.opaqueTokens;
    const params = ranksHere
      ? { ids, limit: int(MAX_HITS), afterScore: null, afterId: null }
      : { ids, limit: int(plan.first + 1), afterScore: plan.after?.score ?? null, afterId: plan.after?.id ?? null };
    const rows = (
      plan.lucene
        ? await this.executor.readRows<HitRow>(SEARCH_CUSTOMERS, { ...params, lucene: plan.lucene, maxHits: int(MAX_HITS) })
        : await this.executor.readRows<HitRow>(CUSTOMERS_PAGE, params)
    ).map((row) => ({ ...row, ...searchNamesOf(this.codec, row), score: Number(row.score) }));
    const ranked = ranksHere ? rankHits(plan, rows).map(({ hit, score }) => ({ ...hit, score })) : rows;
    const page = ranked.slice(0, plan.first);
    const edges = page.map((row) => this.edge(plan, row));
    return { edges, pageInfo: { hasNextPage: ranked.length > plan.first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  private edge(plan: SearchPlan, row: HitRow): SearchEdge {
    const score = row.score;
    return {
      cursor: encodeCursor({ score, id: row.id }),
      node: { id: row.id, requestedId: row.id, status: 'active', mergedInto: null, createdAt: row.createdAt, updatedAt: row.updatedAt },
      score,
      matchedOn: matchReasons(plan, row),
    };
  }

  /** The customers the e-mail and phone filters allow (both: those holding both); null when neither was given. */
  private async identifierFilter(plan: SearchPlan): Promise<string[] | null> {
    let ids: string[] | null = null;
    const wanted: Array<[IdentifierType, string]> = [];
    if (plan.email) wanted.push(['email', plan.email]);
    if (plan.phone) wanted.push(['phone', plan.phone]);
    for (const [type, value] of wanted) {
      const found = (await this.holders(type, value, null).catch((error: unknown) => rethrowAt(error, type))).customerIds.slice(0, MAX_IDENTIFIER_HOLDERS);
      ids = ids === null ? found : ids.filter((id) => found.includes(id));
    }
    return ids;
  }

  /**
   * The sources' default countries, read at most every SOURCE_COUNTRIES_TTL_MS: a phone
   * lookup without a country would otherwise cost a round trip for what changes only when
   * a source is registered (a new source's country counts within that time).
   */
  private async sourceCountries(): Promise<string[]> {
    const now = Date.now();
    if (!this.countries || now - this.countries.at > SOURCE_COUNTRIES_TTL_MS) {
      const read = this.executor.readRows<{ country: string }>(SOURCE_COUNTRIES).then((rows) => rows.map((r) => r.country.toUpperCase()));
      this.countries = { at: now, list: read };
      // A failed read is not kept: the next lookup tries again.
      read.catch(() => (this.countries = null));
    }
    return this.countries.list;
  }
}

/** An identifier filter's input error names the filter's field, not the lookup's argument. */
function rethrowAt(error: unknown, type: IdentifierType): never {
  if (error instanceof DomainError && error.code === 'BAD_USER_INPUT') {
    throw new DomainError('BAD_USER_INPUT', error.message, { clientMessage: `filter.${type}: ${error.clientMessage ?? 'unusable'}`, field: ['filter', type] });
  }
  throw error;
}
