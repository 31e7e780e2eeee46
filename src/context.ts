import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Actor } from './audit/audit.ts';
import { roleLabel, type Caller } from './auth/caller.ts';
import { PersonalReadLog } from './auth/personal-read-log.ts';
import type { EnrichmentModel } from './enrichment/enrichment.service.ts';
import type { CustomerModel } from './golden/customer.model.ts';
import type { GoldenRecord } from './golden/survivorship.ts';
import type { SourceRecordLoaders } from './ingest/source-record.service.ts';
import type { ProfileLoaders } from './profile/profile.service.ts';
import type { MatchExplanationModel } from './match/match.service.ts';
import type { HouseholdModel, OrganisationModel } from './relationships/relationships.service.ts';
import type { EffectiveConsentModel } from './privacy/consent/consent.service.ts';
import type { Services } from './services.ts';

export type { Caller } from './auth/caller.ts';

export type Loaders = SourceRecordLoaders & ProfileLoaders & {
  customerById: DataLoader<string, CustomerModel | null>;
  recordKeysOfCustomer: DataLoader<string, string[]>;
  customerIdOfRecord: DataLoader<string, string | null>;
  sourceCounts: DataLoader<string, { records: number; openRejections: number }>;
  /** Golden records by customer id. Reads of their personal fields are audited field by field. */
  profileOf: DataLoader<string, GoldenRecord | null>;
  /** Partner enrichment of customers by id, through their records' identifiers. */
  enrichmentOf: DataLoader<string, EnrichmentModel[]>;
  /** Explanations of record pairs by pairKey: the explanations of a page of review pairs cost one batch. */
  explanationOf: DataLoader<string, MatchExplanationModel>;
  /** Whether the calling agent has verified the customer (contact details unlocked). */
  unlockedFor: DataLoader<string, boolean>;
  /** The household of each customer (null when none), and its organisations. */
  householdOf: DataLoader<string, HouseholdModel | null>;
  organisationsOf: DataLoader<string, OrganisationModel[]>;
  /** Customers' stored effective consent: a page of customers costs one read. */
  consentOf: DataLoader<string, EffectiveConsentModel>;
};

/** Everything a resolver may use, built fresh for each request. */
export type Context = {
  requestId: string;
  /** The authenticated caller: a person's token or a machine's key. */
  caller: Caller;
  /** The caller as the audit trail records it. */
  actor: Actor;
  logger: Logger;
  services: Services;
  loaders: Loaders;
  /** The request's personal reads: one audit entry, written before the response is sent. */
  personalReads: PersonalReadLog;
  serviceInfo: () => { version: string; migrations: string[] };
  /** True when the request body held bytes that are not UTF-8 (decoded as U+FFFD). */
  invalidUtf8Body?: boolean;
};

type ContextInput = {
  requestId: string;
  caller: Caller;
  logger: Logger;
  services: Services;
  serviceInfo: Context['serviceInfo'];
  invalidUtf8Body?: boolean;
};

export function buildContext(input: ContextInput): Context {
  const { caller, services } = input;
  const actor: Actor = { id: caller.id, role: roleLabel(caller), requestId: input.requestId };
  const profileOf = new DataLoader(async (ids: readonly string[]) => services.golden.goldenOf(ids));
  return {
    requestId: input.requestId,
    caller,
    actor,
    logger: input.logger,
    services,
    loaders: {
      // A customer read brings its golden record: the profile loader starts with it.
      customerById: services.customers.loader((id, stored) => void profileOf.prime(id, services.golden.decodeStored(stored))),
      recordKeysOfCustomer: services.customers.recordKeysLoader(),
      customerIdOfRecord: services.customers.customerIdOfRecordLoader(),
      sourceCounts: new DataLoader(async (names) => {
        const counts = await services.sources.counts(names);
        return names.map((name) => counts.get(name) ?? { records: 0, openRejections: 0 });
      }),
      ...services.records.loaders(),
      ...services.profile.loaders(),
      profileOf,
      enrichmentOf: services.enrichment.loader(),
      explanationOf: services.match.explanationLoader(),
      unlockedFor: new DataLoader(async (customerIds) => {
        const unlocked = caller.kind === 'user' ? await services.verification.unlocked(caller.id, customerIds) : new Set<string>();
        return customerIds.map((id) => unlocked.has(id));
      }),
      householdOf: services.relationships.householdLoader(),
      organisationsOf: services.relationships.organisationsLoader(),
      consentOf: new DataLoader((ids: readonly string[]) => services.consent.effectiveOf(ids), { maxBatchSize: 500 }),
    },
    personalReads: new PersonalReadLog(),
    serviceInfo: input.serviceInfo,
    ...(input.invalidUtf8Body ? { invalidUtf8Body: true } : {}),
  };
}
