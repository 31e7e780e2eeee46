import { int, type GraphExecutor } from '../graph/executor.ts';
import type { ValueCodec } from '../privacy/codec.ts';
import { LIST_QUALITY_ISSUES, QUALITY_SUMMARY } from './data-quality.cypher.ts';
import type { DataQualityCode } from './data-quality.ts';

/**
 * A value a stored record was stored without. `key` is the record's key, as on a
 * SourceRecordModel: personal-read.middleware.ts finds the customer the raw value is about
 * by it. `id` is the issue's own key, and the cursor of the next page.
 */
export type DataQualityIssueModel = {
  id: string;
  key: string;
  source: string;
  sourceRecordId: string;
  field: string[];
  code: DataQualityCode;
  reason: string;
  raw: string;
  at: string;
};

export type DataQualityCount = { source: string; code: DataQualityCode; issues: number; records: number };

type StoredIssue = Omit<DataQualityIssueModel, 'id' | 'key'> & { key: string; recordKey: string };

/** What stewards read of the values records were stored without; IngestService writes them. */
export class DataQualityService {
  private readonly executor: GraphExecutor;
  private readonly codec: ValueCodec;

  constructor(executor: GraphExecutor, codec: ValueCodec) {
    this.executor = executor;
    this.codec = codec;
  }

  /** One page in key order (grouped by source, then record); `after` is the last id of the previous page. */
  async list(filter: { source?: string | null; first?: number | null; after?: string | null }): Promise<DataQualityIssueModel[]> {
    const rows = await this.executor.readRows<{ issue: StoredIssue }>(LIST_QUALITY_ISSUES, {
      prefix: filter.source == null ? '' : `${filter.source}|`,
      after: filter.after ?? '',
      first: int(Math.min(Math.max(filter.first ?? 100, 1), 1000)),
    });
    return rows.map(({ issue: { key, recordKey, raw, ...rest } }) => ({ ...rest, id: key, key: recordKey, raw: this.codec.decode(raw) }));
  }

  /** Issues and affected records per source and code; every source when none is named. */
  async summary(source?: string | null): Promise<DataQualityCount[]> {
    return this.executor.readRows<DataQualityCount>(QUALITY_SUMMARY, { source: source ?? null });
  }
}
