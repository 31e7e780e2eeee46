import DataLoader from 'dataloader';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../audit/audit.ts';
import { DomainError } from '../errors/domain-error.ts';
import { appendOutbox, type ChangeInput } from '../events/outbox.ts';
import type { GraphExecutor, Tx } from '../graph/executor.ts';
import type { Person } from '../ingest/canonical.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { writeCustomerViews, type ViewInput } from '../view/customer-view.ts';
import { ATTRIBUTE_HISTORY, GOLDEN_INPUTS, GOLDEN_OF, SET_PINS, WRITE_GOLDEN, WRITE_GOLDEN_CHANGES } from './golden.cypher.ts';
import { normalizePinValue } from './pin-value.ts';
import { countryOf } from './survivorship-values.ts';
import {
  changedAttributes,
  computeGolden,
  multiAttributes,
  singleAttributes,
  type GoldenAttribute,
  type GoldenRecord,
  type GoldenSourceRecord,
  type Pin,
  type SurvivorshipConfig,
} from './survivorship.ts';

export type CustomerInputs = { id: string; status: string; golden: GoldenRecord | null; pins: Pin[]; records: GoldenSourceRecord[] };
export type AttributeChange = { customerId: string; attribute: GoldenAttribute; at: string; value: string | null; recordKey: string | null; source: string | null; rule: string | null; actor: string; role: string };

/** Work that must follow a customer's records in the same transaction (households, organisations): given every refreshed customer, merged-away ones included. */
/** Runs after a golden refresh, in its transaction: the inputs, and each customer's golden record as just computed (null when merged away or empty). */
export type AfterGoldenRefresh = (tx: Tx, inputs: readonly CustomerInputs[], golden: ReadonlyMap<string, GoldenRecord | null>) => Promise<void>;

type StoredRecord = { key: string; source: string; sourceRecordId: string; updatedAt: number; attrs: string; priority: number | null; defaultCountry: string | null };

const attributes: readonly GoldenAttribute[] = [...singleAttributes, ...multiAttributes];
const MAX_PIN_LENGTH = 500;

/**
 * The golden record of each customer: survivorship over its records, stored on the
 * Customer node in the transaction that changed its records, with every attribute's
 * changes kept for auditors and stewards' pins winning over the rules.
 */
export class GoldenService {
  private readonly executor: GraphExecutor;
  /** Public so that the view refresh derives customers' tokens with the codec their golden records are stored with. */
  readonly codec: ValueCodec;
  private readonly config: SurvivorshipConfig;
  private readonly afterRefresh: AfterGoldenRefresh | undefined;

  constructor(executor: GraphExecutor, codec: ValueCodec, config: SurvivorshipConfig, afterRefresh?: AfterGoldenRefresh) {
    this.executor = executor;
    this.codec = codec;
    this.config = config;
    this.afterRefresh = afterRefresh;
  }

  get survivorship(): SurvivorshipConfig {
    return this.config;
  }

  compute(records: readonly GoldenSourceRecord[], pins: readonly Pin[] = []): GoldenRecord {
    return computeGolden(records, this.config, pins);
  }

  /** The records, pins and stored golden record of each customer, read in `tx`. */
  async inputs(tx: Tx, ids: readonly string[]): Promise<Map<string, CustomerInputs>> {
    const result = await tx.run(GOLDEN_INPUTS, { ids: [...new Set(ids)] });
    const out = new Map<string, CustomerInputs>();
    for (const row of result.records) {
      const id = row.get('id') as string;
      out.set(id, {
        id,
        status: row.get('status') as string,
        golden: this.decodeJson<GoldenRecord>(row.get('golden')),
        pins: this.decodeJson<Pin[]>(row.get('pins')) ?? [],
        records: (row.get('records') as StoredRecord[]).map((r) => this.sourceRecord(r)),
      });
    }
    return out;
  }

  sourceRecord(r: StoredRecord): GoldenSourceRecord {
    return {
      key: r.key,
      source: r.source,
      sourceRecordId: r.sourceRecordId,
      priority: Number(r.priority ?? 0),
      defaultCountry: r.defaultCountry ?? null,
      updatedAt: Number(r.updatedAt ?? 0),
      person: JSON.parse(this.codec.decode(r.attrs)) as Person,
    };
  }

  /**
   * Recomputes and stores the golden records of `ids` inside the caller's transaction, so
   * a read right after the write sees them. Merged-away customers hold no golden record.
   * Returns the attributes that changed, per customer. A change event (names only) goes to
   * the outbox in the same transaction: CREATED when a golden record appears (a new
   * customer, or one an unmerge brought back), UPDATED when attributes changed.
   */
  async refreshInTx(tx: Tx, ids: readonly string[], actor: Actor): Promise<Map<string, GoldenAttribute[]>> {
    const changed = new Map<string, GoldenAttribute[]>();
    if (ids.length === 0) return changed;
    const rows: Array<{ id: string; golden: string | null }> = [];
    const history: Array<Record<string, string | null>> = [];
    const views: ViewInput[] = [];
    const events: ChangeInput[] = [];
    const inputs = [...(await this.inputs(tx, ids)).values()];
    const computed = new Map<string, GoldenRecord | null>();
    for (const input of inputs) {
      const golden = input.status === 'merged' || input.records.length === 0 ? null : this.compute(input.records, input.pins);
      computed.set(input.id, golden);
      const fields = golden ? changedAttributes(input.golden, golden) : [];
      // The derived read properties (search tokens, segment properties) follow the golden
      // record, stamped with their version; a merged-away customer's are removed.
      views.push({ id: input.id, golden, recordNames: input.records.flatMap((r) => r.person.names) });
      if (golden === null && input.golden === null) continue;
      rows.push({ id: input.id, golden: golden ? this.codec.encode(JSON.stringify(golden)) : null });
      if (fields.length > 0) changed.set(input.id, fields);
      if (golden && (input.golden === null || fields.length > 0)) {
        events.push({ type: input.golden === null ? 'CUSTOMER_CREATED' : 'CUSTOMER_UPDATED', customerId: input.id, changedAttributes: fields });
      }
      for (const attribute of fields) {
        const now = valueOf(golden!, attribute);
        history.push({
          customerId: input.id,
          attribute,
          value: now ? this.codec.encode(now.value) : null,
          recordKey: now?.from?.recordKey ?? null,
          source: now?.from?.source ?? null,
          rule: now?.rule ?? null,
          actor: actor.id,
          role: actor.role,
        });
      }
    }
    // Sent together: the driver pipelines them in the transaction, one round trip instead of four.
    await Promise.all([
      rows.length > 0 ? tx.run(WRITE_GOLDEN, { rows }) : null,
      history.length > 0 ? tx.run(WRITE_GOLDEN_CHANGES, { rows: history }) : null,
      writeCustomerViews(tx, views, this.codec),
      appendOutbox(tx, events),
    ]);
    await this.afterRefresh?.(tx, inputs, computed);
    return changed;
  }

  /** A golden record as stored (encoded JSON) back as a value; null for none. */
  decodeStored(stored: string | null): GoldenRecord | null {
    return this.decodeJson<GoldenRecord>(stored);
  }

  async goldenOf(ids: readonly string[]): Promise<(GoldenRecord | null)[]> {
    const rows = await this.executor.readRows<{ id: string; golden: string | null }>(GOLDEN_OF, { ids: [...new Set(ids)] });
    const byId = new Map(rows.map((r) => [r.id, this.decodeJson<GoldenRecord>(r.golden)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  loader(): DataLoader<string, GoldenRecord | null> {
    return new DataLoader((ids) => this.goldenOf(ids), { maxBatchSize: 500 });
  }

  /** A steward's value for an attribute: it wins over the rules until unpinned. Audited. */
  async pin(customerId: string, attribute: string, value: string, actor: Actor, reason: string | null): Promise<GoldenRecord> {
    const field = requireAttribute(attribute);
    const text = value.trim();
    if (text.length === 0 || text.length > MAX_PIN_LENGTH) {
      throw new DomainError('BAD_USER_INPUT', 'Bad pin value', { clientMessage: `value must be 1 to ${MAX_PIN_LENGTH} characters`, field: ['value'] });
    }
    return this.changePins(customerId, actor, reason, field, (pins, input) => {
      // Checked like a source's value: a phone without its prefix is read in the customer's countries.
      const countries = [...new Set(input.records.map((record) => countryOf(record)).filter((c): c is string => c !== undefined))].sort();
      const checked = normalizePinValue(field, text, countries);
      if (!checked.ok) {
        throw new DomainError('BAD_USER_INPUT', `Bad pin value for ${field}`, { clientMessage: `value ${checked.reason}`, field: ['value'] });
      }
      return [...pins.filter((p) => p.attribute !== field), { attribute: field, value: checked.value, by: actor.id, at: new Date().toISOString(), reason }];
    });
  }

  async unpin(customerId: string, attribute: string, actor: Actor, reason: string | null): Promise<GoldenRecord> {
    const field = requireAttribute(attribute);
    return this.changePins(customerId, actor, reason, field, (pins) => {
      if (!pins.some((p) => p.attribute === field)) {
        throw new DomainError('NOT_FOUND', 'No such pin', { clientMessage: `${field} is not pinned on this customer`, field: ['attribute'] });
      }
      return pins.filter((p) => p.attribute !== field);
    });
  }

  /** Every change of one attribute's golden value, oldest first, across the customers given (a survivor and those merged into it). */
  async history(customerIds: readonly string[], attribute: string): Promise<AttributeChange[]> {
    const field = requireAttribute(attribute);
    const rows = await this.executor.readRows<AttributeChange>(ATTRIBUTE_HISTORY, { ids: customerIds, attribute: field });
    return rows.map((r) => ({ ...r, value: r.value === null ? null : this.codec.decode(r.value) }));
  }

  private async changePins(
    customerId: string,
    actor: Actor,
    reason: string | null,
    field: GoldenAttribute,
    change: (pins: Pin[], input: CustomerInputs) => Pin[],
  ): Promise<GoldenRecord> {
    return this.executor.write(async (tx) => {
      const input = (await this.inputs(tx, [customerId])).get(customerId);
      if (!input) throw new DomainError('NOT_FOUND', 'Unknown customer', { clientMessage: 'No customer has this id', field: ['customerId'] });
      if (input.status === 'merged') {
        throw new DomainError('CONFLICT', 'Customer merged away', { clientMessage: 'This customer was merged; pin on the customer it was merged into', field: ['customerId'] });
      }
      const pins = change(input.pins, input);
      await tx.run(SET_PINS, { id: customerId, pins: pins.length > 0 ? this.codec.encode(JSON.stringify(pins)) : null });
      await this.refreshInTx(tx, [customerId], actor);
      await appendAudit(tx, actor, [{ operation: pins.some((p) => p.attribute === field) ? 'pin' : 'unpin', customerIds: [customerId], fields: [field], reason }]);
      return (await this.inputs(tx, [customerId])).get(customerId)!.golden!;
    });
  }

  private decodeJson<T>(stored: unknown): T | null {
    return typeof stored === 'string' ? (JSON.parse(this.codec.decode(stored)) as T) : null;
  }
}

function requireAttribute(attribute: string): GoldenAttribute {
  if (!(attributes as readonly string[]).includes(attribute)) {
    throw new DomainError('BAD_USER_INPUT', 'Unknown attribute', { clientMessage: `attribute must be one of ${attributes.join(', ')}`, field: ['attribute'] });
  }
  return attribute as GoldenAttribute;
}

/** The golden value of an attribute: the single value, or the preferred one of a list. */
export function valueOf(golden: GoldenRecord, attribute: GoldenAttribute): { value: string; rule: string | null; from: { recordKey: string; source: string } | null } | null {
  if ((singleAttributes as readonly string[]).includes(attribute)) return golden.attributes[attribute as keyof GoldenRecord['attributes']] ?? null;
  const list = attribute === 'email' ? golden.emails : attribute === 'phone' ? golden.phones : golden.addresses;
  const preferred = list.find((v) => v.preferred);
  return preferred ? { value: preferred.value, rule: preferred.rule, from: preferred.sources[0] ?? null } : null;
}
