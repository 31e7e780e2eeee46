import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { loadSurvivorshipConfig } from './golden/survivorship-config.ts';
import { loadActiveModel } from './match/match-settings.service.ts';
import { AuditService } from './audit/audit.service.ts';
import { LineageService } from './audit/lineage.service.ts';
import { ApiKeyService } from './auth/api-key.service.ts';
import { VerificationService, type VerificationOptions } from './auth/verification.service.ts';
import { EnrichmentService } from './enrichment/enrichment.service.ts';
import { EventsService, type EventsOptions } from './events/events.service.ts';
import { CustomerService } from './golden/customer.service.ts';
import { GoldenService } from './golden/golden.service.ts';
import { MergeService } from './golden/merge.service.ts';
import { DecisionService } from './membership/decision.service.ts';
import { defaultSurvivorshipConfig } from './golden/survivorship-config.ts';
import type { SurvivorshipConfig } from './golden/survivorship.ts';
import type { GraphExecutor } from './graph/executor.ts';
import { DataQualityService } from './ingest/data-quality.service.ts';
import { IngestService, type AfterStore } from './ingest/ingest.service.ts';
import type { IngestLimits } from './ingest/record-limits.ts';
import { RejectionService } from './ingest/rejection.service.ts';
import { SourceRecordService } from './ingest/source-record.service.ts';
import { SourceService } from './ingest/source.service.ts';
import { BulkResolveService } from './match/bulk-resolve.service.ts';
import { DEFAULT_MAX_CUSTOMER_RECORDS } from './match/cluster.ts';
import { ModelComparisonService } from './match/compare-models.service.ts';
import { defaultResolveBounds, type ResolveBounds } from './match/resolve-all-preview.ts';
import { defaultModel } from './match/default-model.ts';
import { MatchService } from './match/match.service.ts';
import { defaultMatchRules } from './match/match-rules.ts';
import { MatchSettingsService } from './match/match-settings.service.ts';
import type { Model } from './match/model.ts';
import { ResolutionService } from './match/resolution.service.ts';
import { ReviewService } from './match/review.service.ts';
import { TrainService } from './match/train.service.ts';
import { JobService } from './jobs/job.service.ts';
import { resolveAllJob } from './jobs/resolve-all.job.ts';
import { trainJob } from './jobs/train.job.ts';
import { refreshViewJob } from './jobs/refresh-view.job.ts';
import { plainCodec, type ValueCodec } from './privacy/codec.ts';
import { encryptingCodec, type KeyRing } from './privacy/encrypting-codec.ts';
import { keyRingOf } from './privacy/key-config.ts';
import { KeyRotationService } from './privacy/key-rotation.service.ts';
import { rotateKeysJob } from './jobs/rotate-keys.job.ts';
import { ConsentService } from './privacy/consent/consent.service.ts';
import { deriveRestrictionInTx } from './privacy/requests/restriction.ts';
import type { ConsentSettings } from './privacy/consent/export-rule.ts';
import { PrivacyRequestService } from './privacy/requests/request.service.ts';
import { RequestActionsService } from './privacy/requests/request-actions.service.ts';
import { PrivacyExportService } from './privacy/export/export.service.ts';
import { ErasureService } from './privacy/erasure/erasure.service.ts';
import { HeldBackService } from './privacy/erasure/hold-back.ts';
import { LookupService } from './lookup/lookup.service.ts';
import { ProfileService } from './profile/profile.service.ts';
import { SegmentService } from './segment/segment.service.ts';
import { ViewService } from './view/view.service.ts';
import { defaultRelationshipSettings, RelationshipService, type RelationshipSettings } from './relationships/relationships.service.ts';

/** The use cases the API offers, built once per process. */
export type Services = {
  customers: CustomerService;
  sources: SourceService;
  ingest: IngestService;
  rejections: RejectionService;
  dataQuality: DataQualityService;
  records: SourceRecordService;
  lookup: LookupService;
  profile: ProfileService;
  resolution: ResolutionService;
  matchSettings: MatchSettingsService;
  match: MatchService;
  bulkResolve: BulkResolveService;
  compareModels: ModelComparisonService;
  train: TrainService;
  golden: GoldenService;
  merges: MergeService;
  decisions: DecisionService;
  reviews: ReviewService;
  audit: AuditService;
  lineage: LineageService;
  apiKeys: ApiKeyService;
  verification: VerificationService;
  enrichment: EnrichmentService;
  jobs: JobService;
  events: EventsService;
  relationships: RelationshipService;
  segments: SegmentService;
  view: ViewService;
  /** Re-encryption under the current key (the ROTATE_KEYS job); its ring is null with the plain codec. */
  keyRotation: KeyRotationService;
  consent: ConsentService;
  /** Data subject requests (src/privacy/requests/): the requests, carrying them out, export, erasure and its held-back records. */
  privacyRequests: PrivacyRequestService;
  requestActions: RequestActionsService;
  privacyExport: PrivacyExportService;
  erasure: ErasureService;
  heldBack: HeldBackService;
};

export type ServiceOptions = {
  /** Default: the encrypting codec over `keyRing` when one is given, else plainCodec (unit-style uses). */
  codec?: ValueCodec;
  /** The field-encryption keys (config.encryption): the codec's, and the ROTATE_KEYS job's. */
  keyRing?: KeyRing;
  model?: Model;
  hubDegree?: number;
  /** No link grows a customer past this many records (default 200; config.match). */
  maxCustomerRecords?: number;
  /** When resolveAll refuses without force (default: defaultResolveBounds; config.resolve). */
  resolveBounds?: Partial<ResolveBounds>;
  /** Survivorship rules (default: config/survivorship.json as shipped). */
  survivorship?: SurvivorshipConfig;
  /** Replaces identity resolution after each stored batch (tests of ingestion alone). */
  afterStore?: AfterStore;
  /** Future skew and rejection cap of ingestion (default: defaultIngestLimits; config.ingest). */
  ingestLimits?: Partial<IngestLimits>;
  /** Step-up verification: factors needed, unlock and lock durations (config.verification), a test clock. */
  verification?: VerificationOptions;
  /** How long a job's process holds it without renewing (config.jobs; default 60 s). */
  jobLeaseMs?: number;
  /** Finished jobs older than this many days are deleted by the API's sweep (config.jobs; default 30). */
  jobRetentionDays?: number;
  /** Outbox polling and webhook delivery (config.events). */
  events?: Partial<EventsOptions>;
  /** How long a segment's reads may run (default 60 s; config.segments). */
  segmentReadTimeoutMs?: number;
  /** Households' hub bound and the identity graph's node limit (default: defaultRelationshipSettings; kept by reference). */
  relationships?: RelationshipSettings;
  /** Marketing without a decision: suppressed (default, GDPR) or allowed (docs/consent.md). */
  consent?: Partial<ConsentSettings>;
  log?: Logger;
};

/**
 * The service options every process derives from its configuration: the API, the CLI and
 * the benches build their services from this one function, so no process ignores a
 * setting another honours.
 */
export async function serviceOptionsFrom(config: Config, log?: Logger): Promise<ServiceOptions> {
  // Encryption is the product default: every process of a deployment reads and writes with the same ring.
  const keyRing = keyRingOf(config.encryption, log);
  return {
    keyRing,
    codec: encryptingCodec(keyRing),
    // Unset: the model the database names (put in use by a re-resolution or useModel), else the shipped one.
    ...(config.match.modelPath ? { model: await loadActiveModel(config.match.modelPath) } : {}),
    hubDegree: config.match.hubDegree,
    maxCustomerRecords: config.match.maxCustomerRecords,
    resolveBounds: config.resolve,
    ingestLimits: config.ingest,
    verification: { minFactors: config.verification.minFactors, unlockMs: config.verification.unlockMinutes * 60_000 },
    jobLeaseMs: config.jobs.leaseMs,
    jobRetentionDays: config.jobs.retentionDays,
    events: config.events,
    segmentReadTimeoutMs: config.segments.readTimeoutMs,
    consent: config.consent,
    survivorship: config.golden.survivorshipPath ? loadSurvivorshipConfig(config.golden.survivorshipPath) : undefined,
    ...(log ? { log } : {}),
  };
}

/** Default of SEGMENT_READ_TIMEOUT_MS. */
const DEFAULT_SEGMENT_READ_TIMEOUT_MS = 60_000;

export function createServices(executor: GraphExecutor, options: ServiceOptions = {}): Services {
  const codec = options.codec ?? (options.keyRing ? encryptingCodec(options.keyRing) : plainCodec);
  const sources = new SourceService(executor);
  const resolution = new ResolutionService(codec, {
    model: options.model ?? defaultModel(),
    rules: defaultMatchRules(),
    hubDegree: options.hubDegree ?? 25,
    maxCandidates: 50,
    maxCustomerRecords: options.maxCustomerRecords ?? DEFAULT_MAX_CUSTOMER_RECORDS,
  });
  const relationships = new RelationshipService(executor, codec, options.relationships ?? { ...defaultRelationshipSettings(), hubDegree: options.hubDegree ?? 25 });
  // Households and organisations follow membership: every golden refresh (ingest, merge, split, unmerge, re-resolution) rewrites them in its transaction.
  // The golden attributes segments filter on follow the golden record in its transaction, written with the search tokens (src/view/customer-view.ts).
  // Effective consent follows membership the same way: a customer's records carry their decisions (src/privacy/consent),
  // and so does a restriction of processing (src/privacy/requests/restriction.ts).
  const consent = new ConsentService(executor, options.consent);
  const golden = new GoldenService(executor, codec, options.survivorship ?? defaultSurvivorshipConfig(), async (tx, inputs) => {
    await relationships.refreshInTx(tx, inputs);
    const ids = inputs.map((input) => input.id);
    // Pipelined in the transaction: one round trip for both.
    await Promise.all([consent.refreshInTx(tx, ids), deriveRestrictionInTx(tx, ids)]);
  });
  const matchSettings = new MatchSettingsService(executor, resolution, { modelPinned: options.model !== undefined });
  const resolve: AfterStore = async (tx, stored, actor) => {
    // Rules another process set since are read in this transaction, before it resolves.
    await matchSettings.refresh(tx);
    const summary = await resolution.resolveInTx(tx, stored, actor);
    await golden.refreshInTx(tx, summary.customers, actor);
  };
  const merges = new MergeService(executor, golden);
  const decisions = new DecisionService(executor, golden);
  const customers = new CustomerService(executor);
  const ingest = new IngestService(executor, sources, codec, { afterStore: options.afterStore ?? resolve, log: options.log, limits: options.ingestLimits });
  // An upheld objection or do-not-sell request raises its consent flag, dated when the request was received.
  const privacyRequests = new PrivacyRequestService(executor, {
    consentUpheld: async (tx, request, actor) => {
      const flag = request.kind === 'OBJECTION' ? 'OBJECTION' : 'DO_NOT_SELL';
      await consent.recordInTx(tx, request.customerId, { flag, status: 'RAISED', givenAt: request.receivedAt, evidence: request.id }, { actor, source: 'privacy-request', sourceKey: false });
    },
  });
  const privacyExport = new PrivacyExportService(executor, codec, privacyRequests);
  const heldBack = new HeldBackService(executor, codec, ingest);
  // Every ingest path (GraphQL, NDJSON, CLI, replay) holds back records matching an erased person's tombstone.
  ingest.useHoldBack(heldBack.holdBack);
  const services: Omit<Services, 'jobs'> = {
    events: new EventsService(executor, codec, { ...options.events, marketingWithoutDecision: consent.settings.marketingWithoutDecision }),
    customers,
    sources,
    ingest,
    rejections: new RejectionService(executor, codec, sources, ingest),
    dataQuality: new DataQualityService(executor, codec),
    records: new SourceRecordService(executor, codec),
    lookup: new LookupService(executor, codec, options.hubDegree ?? 25),
    profile: new ProfileService(executor, codec),
    resolution,
    matchSettings,
    match: new MatchService(executor, codec, resolution),
    bulkResolve: new BulkResolveService(
      executor,
      resolution,
      golden,
      { ...defaultResolveBounds(options.maxCustomerRecords ?? DEFAULT_MAX_CUSTOMER_RECORDS), ...options.resolveBounds },
      { refreshSettings: () => matchSettings.refresh(), modelApplied: (model, actor) => matchSettings.applied(model, actor) },
    ),
    compareModels: new ModelComparisonService(executor, resolution),
    train: new TrainService(executor, resolution),
    golden,
    merges,
    decisions,
    reviews: new ReviewService(executor, merges),
    audit: new AuditService(executor),
    lineage: new LineageService(executor),
    apiKeys: new ApiKeyService(executor),
    verification: new VerificationService(executor, customers, golden, options.verification),
    enrichment: new EnrichmentService(executor, codec),
    relationships,
    segments: new SegmentService(executor, codec, { readTimeoutMs: options.segmentReadTimeoutMs ?? DEFAULT_SEGMENT_READ_TIMEOUT_MS, consent: consent.settings }),
    view: new ViewService(executor, golden),
    keyRotation: new KeyRotationService(executor, codec, options.keyRing ?? null),
    consent,
    privacyRequests,
    requestActions: new RequestActionsService(executor, privacyRequests, golden),
    privacyExport,
    erasure: new ErasureService(executor, codec, privacyRequests),
    heldBack,
  };
  const jobs = new JobService(executor, [resolveAllJob(services.bulkResolve, executor), trainJob(services.train, executor), refreshViewJob(services.view, executor), rotateKeysJob(services.keyRotation, executor)], {
    ...(options.jobLeaseMs ? { leaseMs: options.jobLeaseMs } : {}),
    ...(options.jobRetentionDays ? { retentionDays: options.jobRetentionDays } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { ...services, jobs };
}

/** Data every deployment starts with, written idempotently at start-up after migrations. */
export async function seedReferenceData(services: Services): Promise<void> {
  await services.sources.ensureBuiltIns();
  await services.matchSettings.load();
}
