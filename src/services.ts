import { CustomerService } from './golden/customer.service.ts';
import type { GraphExecutor } from './graph/executor.ts';
import { IngestService, type AfterStore } from './ingest/ingest.service.ts';
import { RejectionService } from './ingest/rejection.service.ts';
import { SourceRecordService } from './ingest/source-record.service.ts';
import { SourceService } from './ingest/source.service.ts';
import { plainCodec, type ValueCodec } from './privacy/codec.ts';

/** The use cases the API offers, built once per process. */
export type Services = {
  customers: CustomerService;
  sources: SourceService;
  ingest: IngestService;
  rejections: RejectionService;
  records: SourceRecordService;
};

export type ServiceOptions = { codec?: ValueCodec; afterStore?: AfterStore };

export function createServices(executor: GraphExecutor, options: ServiceOptions = {}): Services {
  const codec = options.codec ?? plainCodec;
  const sources = new SourceService(executor);
  const ingest = new IngestService(executor, sources, codec, options.afterStore);
  return {
    customers: new CustomerService(executor),
    sources,
    ingest,
    rejections: new RejectionService(executor, codec, sources, ingest),
    records: new SourceRecordService(executor, codec),
  };
}

/** Data every deployment starts with, written idempotently at start-up after migrations. */
export async function seedReferenceData(services: Services): Promise<void> {
  await services.sources.ensureBuiltIns();
}
