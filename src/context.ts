import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Actor } from './audit/audit.ts';
import type { CustomerModel } from './golden/customer.model.ts';
import type { GoldenRecord } from './golden/survivorship.ts';
import type { SourceRecordLoaders } from './ingest/source-record.service.ts';
import type { Services } from './services.ts';

/** Who is calling. Until authentication lands, taken from the x-caller-* headers. */
export type Caller = { id: string; role: string };

export type Loaders = SourceRecordLoaders & {
  customerById: DataLoader<string, CustomerModel | null>;
  recordKeysOfCustomer: DataLoader<string, string[]>;
  customerIdOfRecord: DataLoader<string, string | null>;
  sourceCounts: DataLoader<string, { records: number; openRejections: number }>;
  /** Golden records by customer id; each batch of reads is one audit entry, written before anything is returned. */
  profileOf: DataLoader<string, GoldenRecord | null>;
  /** Marks source records whose personal fields this request reads: one audit entry per batch. */
  recordRead: DataLoader<string, true>;
};

/** Everything a resolver may use, built fresh for each request. */
export type Context = {
  requestId: string;
  caller: Caller;
  /** The caller as the audit trail records it. */
  actor: Actor;
  logger: Logger;
  services: Services;
  loaders: Loaders;
  serviceInfo: () => { version: string; migrations: string[] };
};

type ContextInput = {
  requestId: string;
  headers: Record<string, string | string[] | undefined>;
  logger: Logger;
  services: Services;
  serviceInfo: Context['serviceInfo'];
};

const headerValue = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export function buildContext(input: ContextInput): Context {
  const caller = {
    id: headerValue(input.headers['x-caller-id']) ?? 'anonymous',
    role: headerValue(input.headers['x-caller-role']) ?? 'anonymous',
  };
  return {
    requestId: input.requestId,
    caller,
    actor: { ...caller, requestId: input.requestId },
    logger: input.logger,
    services: input.services,
    loaders: {
      customerById: input.services.customers.loader(),
      recordKeysOfCustomer: input.services.customers.recordKeysLoader(),
      customerIdOfRecord: input.services.customers.customerIdOfRecordLoader(),
      sourceCounts: new DataLoader(async (names) => {
        const counts = await input.services.sources.counts(names);
        return names.map((name) => counts.get(name) ?? { records: 0, openRejections: 0 });
      }),
      ...input.services.records.loaders(),
      profileOf: new DataLoader(async (ids) => {
        await input.services.audit.record({ ...caller, requestId: input.requestId }, [{ operation: 'read.profile', customerIds: [...ids] }]);
        return input.services.golden.goldenOf(ids);
      }),
      recordRead: new DataLoader(async (keys) => {
        await input.services.audit.record({ ...caller, requestId: input.requestId }, [{ operation: 'read.profile', recordKeys: [...keys], detail: { read: 'source-records' } }]);
        return keys.map(() => true as const);
      }),
    },
    serviceInfo: input.serviceInfo,
  };
}
