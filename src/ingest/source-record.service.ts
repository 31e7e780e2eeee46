import DataLoader from 'dataloader';
import { int, type GraphExecutor } from '../graph/executor.ts';
import { normalizeIdentifier } from '../normalize/identifier.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { identifierTypes, type IdentifierType, type Person } from './canonical.ts';
import { recordKeyOf } from './prepare.ts';
import {
  IDENTIFIERS_OF_RECORDS,
  INTERACTIONS_OF_RECORDS,
  LINKED_RECORDS,
  RECORDS_BY_KEY,
  RECORDS_OF_IDENTIFIER,
} from './source-record.cypher.ts';

export type SourceRecordModel = { key: string; source: string; sourceRecordId: string; updatedAt: string; person: Person };
export type IdentifierModel = { key: string; type: string; value: string; recordKeys?: string[] };
export type InteractionModel = {
  source: string;
  type: string;
  sourceId: string;
  occurredAt: string;
  subtype: string | null;
  status: string | null;
  category: string | null;
  channel: string | null;
  currency: string | null;
  total: number | null;
  reference: string | null;
  lines: Array<{ sku: string; description?: string; category?: string; quantity: number; unitPrice: number }> | null;
};

export type SourceRecordLoaders = {
  recordByKey: DataLoader<string, SourceRecordModel | null>;
  identifiersOf: DataLoader<string, IdentifierModel[]>;
  interactionsOf: DataLoader<{ key: string; first: number }, InteractionModel[], string>;
  linkedKeysOf: DataLoader<string, string[]>;
};

const MAX_LINKED = 100;
const HUB_DEGREE = 1000;

/** Reads what ingestion stored: records, their identifiers, interactions and neighbours. */
export class SourceRecordService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;

  constructor(executor: GraphExecutor, codec: ValueCodec) {
    this.executor = executor;
    this.codec = codec;
  }

  loaders(): SourceRecordLoaders {
    return {
      recordByKey: new DataLoader((keys) => this.recordsByKey(keys)),
      identifiersOf: new DataLoader(async (keys) => {
        const rows = await this.executor.readRows<{ key: string; identifiers: IdentifierModel[] }>(IDENTIFIERS_OF_RECORDS, { keys: [...keys] });
        const byKey = new Map(rows.map((r) => [r.key, r.identifiers.map((i) => this.decodeIdentifier(i))]));
        return keys.map((key) => byKey.get(key) ?? []);
      }),
      interactionsOf: new DataLoader(
        async (requests) => {
          const rows = await this.executor.readRows<{ index: number; interactions: Array<Record<string, unknown>> }>(INTERACTIONS_OF_RECORDS, {
            requests: requests.map((r) => ({ key: r.key, first: int(Math.min(Math.max(r.first, 0), 500)) })),
          });
          const byIndex = new Map(rows.map((r) => [r.index, r.interactions.map(toInteraction)]));
          return requests.map((_, index) => byIndex.get(index) ?? []);
        },
        { cacheKeyFn: (r) => `${r.key}#${r.first}` },
      ),
      linkedKeysOf: new DataLoader(async (keys) => {
        const rows = await this.executor.readRows<{ key: string; linked: string[] }>(LINKED_RECORDS, {
          keys: [...keys],
          maxDegree: int(HUB_DEGREE),
          limit: int(MAX_LINKED),
        });
        const byKey = new Map(rows.map((r) => [r.key, r.linked]));
        return keys.map((key) => byKey.get(key) ?? []);
      }),
    };
  }

  keyOf(source: string, sourceRecordId: string): string {
    return recordKeyOf(source, sourceRecordId);
  }

  /** An identifier by raw value, normalized as ingestion does; null when unknown or unusable. */
  async findIdentifier(type: string, value: string): Promise<IdentifierModel | null> {
    if (!(identifierTypes as readonly string[]).includes(type)) return null;
    const normalized = normalizeIdentifier(type as IdentifierType, value);
    if (!normalized) return null;
    const [row] = await this.executor.readRows<IdentifierModel & { recordKeys: string[] }>(RECORDS_OF_IDENTIFIER, {
      key: this.codec.lookupKey(type, normalized),
      limit: int(HUB_DEGREE),
    });
    return row ? this.decodeIdentifier(row) : null;
  }

  private async recordsByKey(keys: readonly string[]): Promise<(SourceRecordModel | null)[]> {
    const rows = await this.executor.readRows<{ key: string; source: string; sourceRecordId: string; updatedAt: number; attrs: string }>(
      RECORDS_BY_KEY,
      { keys: [...keys] },
    );
    const byKey = new Map(
      rows.map((r) => [
        r.key,
        {
          key: r.key,
          source: r.source,
          sourceRecordId: r.sourceRecordId,
          updatedAt: new Date(r.updatedAt).toISOString(),
          person: JSON.parse(this.codec.decode(r.attrs)) as Person,
        },
      ]),
    );
    return keys.map((key) => byKey.get(key) ?? null);
  }

  private decodeIdentifier<T extends IdentifierModel>(identifier: T): T {
    return { ...identifier, value: this.codec.decode(identifier.value) };
  }
}

/** An interaction as stored, for resolvers: instants as ISO strings, lines parsed. */
export function toInteraction(x: Record<string, unknown>): InteractionModel {
  return {
    ...(x as Omit<InteractionModel, 'occurredAt' | 'lines'>),
    occurredAt: new Date(x['occurredAt'] as number).toISOString(),
    lines: typeof x['lines'] === 'string' ? (JSON.parse(x['lines']) as InteractionModel['lines']) : null,
  };
}
