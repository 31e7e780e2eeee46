import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultVerificationSettings, verificationFactors } from './auth/verification.ts';
import { defaultRetryPolicy, type RetryPolicy } from './events/backoff.ts';
import { defaultIngestLimits, type IngestLimits } from './ingest/record-limits.ts';
import { encryptionConfig, type EncryptionConfig } from './privacy/key-config.ts';

/** Development-only default password of the local Neo4j; refused in production. */
export const DEV_NEO4J_PASSWORD = 'identity-graph-dev';

/** Defaults of NEO4J_REQUEST_TIMEOUT_MS and NEO4J_SESSIONS_PER_REQUEST, also for executors built without a config (tests, benches). */
export const NEO4J_REQUEST_TIMEOUT_DEFAULT_MS = 5_000;
export const NEO4J_SESSIONS_PER_REQUEST_DEFAULT = 4;

/** Defaults of RATE_LIMIT_QUERIES_PER_MINUTE and RATE_LIMIT_VERIFY_CALLER_PER_MINUTE, also for servers started without them (tests). */
export const defaultRateLimits = { queriesPerMinute: 600, verifyCallerPerMinute: 10 };

/** Defaults of SUBSCRIPTIONS_PER_CONNECTION, SUBSCRIPTIONS_PER_CALLER and SUBSCRIPTION_SEND_QUEUE, also for servers started without them (tests). */
export const defaultSubscriptionLimits: SubscriptionLimits = { perConnection: 10, perCaller: 20, sendQueue: 1_000 };

/** Default of EVENTS_RETENTION_DAYS and JOBS_RETENTION_DAYS. */
export const DEFAULT_RETENTION_DAYS = 30;

const port = z.coerce.number().int().min(0).max(65535);
const memorySize = z.string().regex(/^\d+[kmgKMG]$/, 'a size such as 512m or 1g');

/**
 * Every environment variable the API reads, with its default. Keys are the variable
 * names so that docker-compose.yml and the README can be checked against this list.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'a Bolt URI such as bolt://localhost:7687')
    .optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'at least 8 characters').optional(),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(NEO4J_REQUEST_TIMEOUT_DEFAULT_MS),
  NEO4J_SESSIONS_PER_REQUEST: z.coerce.number().int().min(1).max(50).default(NEO4J_SESSIONS_PER_REQUEST_DEFAULT),
  NEO4J_LOCAL_BOLT_PORT: port.default(7687),
  NEO4J_LOCAL_DATA_DIR: z.string().min(1).default('.neo4j-local'),
  NEO4J_LOCAL_HEAP: memorySize.default('512m'),
  NEO4J_LOCAL_PAGECACHE: memorySize.default('256m'),
  NEO4J_LOCAL_START_TIMEOUT_MS: z.coerce.number().int().positive().default(180_000),
  MATCH_MODEL_PATH: z.string().min(1).optional(),
  MATCH_HUB_DEGREE: z.coerce.number().int().min(2).default(25),
  MATCH_MAX_CUSTOMER_RECORDS: z.coerce.number().int().min(2).default(200),
  RESOLVE_MAX_MERGED_AWAY_PERCENT: z.coerce.number().min(0).max(100).default(5),
  RESOLVE_MAX_CUSTOMER_RECORDS: z.coerce.number().int().min(1).optional(),
  SURVIVORSHIP_CONFIG_PATH: z.string().min(1).optional(),
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
  JOB_LEASE_MS: z.coerce.number().int().min(1_000).default(60_000),
  EVENTS_POLL_MS: z.coerce.number().int().min(20).default(200),
  SEGMENT_READ_TIMEOUT_MS: z.coerce.number().int().min(100).default(60_000),
  CONSENT_MARKETING_WITHOUT_DECISION: z.enum(['suppress', 'allow']).default('suppress'),
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).default(DEFAULT_RETENTION_DAYS),
  JOBS_RETENTION_DAYS: z.coerce.number().int().min(1).default(DEFAULT_RETENTION_DAYS),
  SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(defaultSubscriptionLimits.perConnection),
  SUBSCRIPTIONS_PER_CALLER: z.coerce.number().int().min(1).default(defaultSubscriptionLimits.perCaller),
  SUBSCRIPTION_SEND_QUEUE: z.coerce.number().int().min(10).default(defaultSubscriptionLimits.sendQueue),
  WEBHOOK_WORKER_ENABLED: z.enum(['true', 'false']).default('true'),
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).optional(),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(defaultRetryPolicy.baseMs),
  WEBHOOK_RETRY_CAP_MS: z.coerce.number().int().min(1).default(defaultRetryPolicy.capMs),
  WEBHOOK_RETRY_FOR_MS: z.coerce.number().int().min(1).default(defaultRetryPolicy.retryForMs),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  INGEST_MAX_FUTURE_SKEW_MS: z.coerce.number().int().min(0).default(defaultIngestLimits.maxFutureSkewMs),
  INGEST_MAX_REJECTIONS_PER_SOURCE: z.coerce.number().int().min(1).default(defaultIngestLimits.maxRejectionsPerSource),
  AUTH_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  AUTH_SUBJECT_CLAIM: z.string().min(1).default('sub'),
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  // The web console's OIDC client (authorization code with PKCE at AUTH_ISSUER); docs/console.md.
  CONSOLE_OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  CONSOLE_OIDC_SCOPE: z.string().min(1).max(500).default('openid profile'),
  CORS_ORIGINS: z.string().default(''),
  RATE_LIMIT_QUERIES_PER_MINUTE: z.coerce.number().int().min(1).default(defaultRateLimits.queriesPerMinute),
  RATE_LIMIT_VERIFY_CALLER_PER_MINUTE: z.coerce.number().int().min(1).default(defaultRateLimits.verifyCallerPerMinute),
  VERIFY_MIN_FACTORS: z.coerce.number().int().min(1).max(verificationFactors.length).default(defaultVerificationSettings.minFactors),
  VERIFY_UNLOCK_MINUTES: z.coerce.number().int().min(1).max(480).default(defaultVerificationSettings.unlockMs / 60_000),
  // Field encryption keys (src/privacy/key-config.ts): checked there, so that no message repeats a key.
  FIELD_ENCRYPTION_KEYS: z.string().optional(),
  FIELD_ENCRYPTION_CURRENT_KEY: z.string().optional(),
  FIELD_BLIND_INDEX_KEY: z.string().optional(),
  FIELD_ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  FIELD_ENCRYPTION_LOCAL_KEY_FILE: z.string().min(1).default('.keys/field-encryption.json'),
});

export type ConfigVariable = keyof typeof configSchema.shape;

export type Config = {
  env: 'development' | 'test' | 'production';
  http: { host: string; port: number; shutdownTimeoutMs: number };
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  neo4j: {
    uri: string | undefined;
    user: string;
    password: string;
    database: string;
    /** How long a call waits for Neo4j to answer (and an API request's read may run) before SERVICE_UNAVAILABLE. */
    requestTimeoutMs: number;
    /** Neo4j sessions one HTTP request may hold at once, so no request can drain the driver's pool. */
    sessionsPerRequest: number;
  };
  /** maxCustomerRecords: no link grows a customer past it (it waits for review instead). */
  match: { modelPath: string | undefined; hubDegree: number; maxCustomerRecords: number };
  /** A re-resolution that exceeds either bound is refused unless forced. */
  resolve: { maxMergedAwayPercent: number; maxCustomerRecords: number };
  golden: { survivorshipPath: string | undefined };
  audit: { sealIntervalMs: number };
  /** How long a segment's count, members or export page may read (SEGMENT_READ_TIMEOUT_MS): a segment may visit the whole base. */
  segments: { readTimeoutMs: number };
  /** Whether marketing without a decision for the channel goes ahead (CONSENT_MARKETING_WITHOUT_DECISION; docs/consent.md). */
  consent: { marketingWithoutDecision: 'suppress' | 'allow' };
  /** A job's process renews its lease every third of it; a job whose lease ran out is taken over (src/jobs). */
  jobs: { leaseMs: number; retentionDays: number };
  /** Change events (src/events): outbox polling, and the webhook worker with its retries and outbound safety. */
  events: EventsConfig;
  ingest: Pick<IngestLimits, 'maxFutureSkewMs' | 'maxRejectionsPerSource'>;
  auth: AuthConfig;
  /** Origins a browser may call the API from; none by default. */
  corsOrigins: string[];
  /** Requests per caller per minute, in each process (src/http/rate-limit.ts). */
  rateLimits: { queriesPerMinute: number; verifyCallerPerMinute: number };
  /** graphql-ws subscriptions: how many may be open, and how far a subscriber may fall behind (src/events/ws-server.ts). */
  subscriptions: SubscriptionLimits;
  /** Agent step-up verification: answers that must match, and how long a verification unlocks. */
  verification: { minFactors: number; unlockMinutes: number };
  /** Where the field-encryption key ring comes from (environment, a key file, or the development key file). */
  encryption: EncryptionConfig;
  neo4jLocal: {
    host: string;
    boltPort: number;
    dataDir: string;
    heap: string;
    pageCache: string;
    startTimeoutMs: number;
  };
};

export type SubscriptionLimits = {
  /** Active subscriptions on one connection. */
  perConnection: number;
  /** Active subscriptions of one caller over all its connections, in each process. */
  perCaller: number;
  /** Messages a subscription may have waiting to be sent; a subscriber that falls further behind is disconnected. */
  sendQueue: number;
};

export type EventsConfig = {
  pollMs: number;
  /** Outbox events and ended webhook deliveries older than this many days are deleted (events/retention.ts). */
  retentionDays: number;
  webhookWorker: boolean;
  /** Loopback and private targets: refused in production unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true. */
  allowPrivateTargets: boolean;
  retry: RetryPolicy;
  timeoutMs: number;
  concurrency: number;
};

/** How bearer tokens are checked: a shared secret (development) or an OIDC provider's JWKS. */
export type AuthConfig = {
  verifier: { kind: 'secret'; secret: string } | { kind: 'jwks'; url: string };
  issuer: string | undefined;
  audience: string | undefined;
  /** Claim holding the caller id. */
  subjectClaim: string;
  /** Claim holding the roles; a dotted path reaches nested claims (Keycloak: realm_access.roles). */
  rolesClaim: string;
  /** `cli token` may mint tokens: never in production. */
  devTokens: boolean;
  /** The web console signs in at `issuer` as this public client (OIDC authorization code with PKCE); unset: development sign-in only. */
  consoleClient?: { clientId: string; scope: string } | undefined;
};

/** Development-only signing secret of `npm run cli -- token`; refused in production. */
export const DEV_JWT_SECRET = 'identity-graph-development-signing-secret';

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, expectation: string) {
    super(`Invalid configuration: ${variable} ${expectation}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/**
 * Reads the environment into a typed config. Throws ConfigError naming the first bad
 * variable; the message never repeats the variable's value (it may be a secret).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, `must be ${describeIssue(issue)}`);
  }
  const v = parsed.data;
  if (v.NEO4J_URI && !v.NEO4J_PASSWORD) {
    throw new ConfigError('NEO4J_PASSWORD', 'must be set when NEO4J_URI is set');
  }
  if (v.NODE_ENV === 'production' && !v.NEO4J_PASSWORD) {
    throw new ConfigError('NEO4J_PASSWORD', 'must be set when NODE_ENV is production');
  }
  if (v.NODE_ENV === 'production' && !v.AUTH_JWKS_URL && !v.AUTH_JWT_SECRET) {
    throw new ConfigError('AUTH_JWKS_URL', 'must be set when NODE_ENV is production (or AUTH_JWT_SECRET)');
  }
  if (v.NODE_ENV === 'production' && v.AUTH_JWT_SECRET === DEV_JWT_SECRET) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must not be the development secret when NODE_ENV is production');
  }
  if (v.AUTH_JWKS_URL && (!v.AUTH_ISSUER || !v.AUTH_AUDIENCE)) {
    throw new ConfigError(v.AUTH_ISSUER ? 'AUTH_AUDIENCE' : 'AUTH_ISSUER', 'must be set when AUTH_JWKS_URL is set');
  }
  if (v.CONSOLE_OIDC_CLIENT_ID && !v.AUTH_ISSUER) {
    throw new ConfigError('AUTH_ISSUER', 'must be set when CONSOLE_OIDC_CLIENT_ID is set (the console signs in there)');
  }
  return {
    env: v.NODE_ENV,
    http: { host: v.HOST, port: v.PORT, shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS },
    logLevel: v.LOG_LEVEL,
    neo4j: {
      uri: v.NEO4J_URI,
      user: v.NEO4J_USER,
      password: v.NEO4J_PASSWORD ?? DEV_NEO4J_PASSWORD,
      database: v.NEO4J_DATABASE,
      requestTimeoutMs: v.NEO4J_REQUEST_TIMEOUT_MS,
      sessionsPerRequest: v.NEO4J_SESSIONS_PER_REQUEST,
    },
    match: { modelPath: v.MATCH_MODEL_PATH ? resolve(v.MATCH_MODEL_PATH) : undefined, hubDegree: v.MATCH_HUB_DEGREE, maxCustomerRecords: v.MATCH_MAX_CUSTOMER_RECORDS },
    resolve: { maxMergedAwayPercent: v.RESOLVE_MAX_MERGED_AWAY_PERCENT, maxCustomerRecords: v.RESOLVE_MAX_CUSTOMER_RECORDS ?? v.MATCH_MAX_CUSTOMER_RECORDS },
    golden: { survivorshipPath: v.SURVIVORSHIP_CONFIG_PATH ? resolve(v.SURVIVORSHIP_CONFIG_PATH) : undefined },
    audit: { sealIntervalMs: v.AUDIT_SEAL_INTERVAL_MS },
    segments: { readTimeoutMs: v.SEGMENT_READ_TIMEOUT_MS },
    consent: { marketingWithoutDecision: v.CONSENT_MARKETING_WITHOUT_DECISION },
    jobs: { leaseMs: v.JOB_LEASE_MS, retentionDays: v.JOBS_RETENTION_DAYS },
    events: {
      pollMs: v.EVENTS_POLL_MS,
      retentionDays: v.EVENTS_RETENTION_DAYS,
      webhookWorker: v.WEBHOOK_WORKER_ENABLED === 'true',
      allowPrivateTargets: v.WEBHOOK_ALLOW_PRIVATE_TARGETS ? v.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true' : v.NODE_ENV !== 'production',
      retry: { baseMs: v.WEBHOOK_RETRY_BASE_MS, capMs: v.WEBHOOK_RETRY_CAP_MS, retryForMs: v.WEBHOOK_RETRY_FOR_MS },
      timeoutMs: v.WEBHOOK_TIMEOUT_MS,
      concurrency: v.WEBHOOK_CONCURRENCY,
    },
    ingest: { maxFutureSkewMs: v.INGEST_MAX_FUTURE_SKEW_MS, maxRejectionsPerSource: v.INGEST_MAX_REJECTIONS_PER_SOURCE },
    auth: {
      verifier: v.AUTH_JWKS_URL ? { kind: 'jwks', url: v.AUTH_JWKS_URL } : { kind: 'secret', secret: v.AUTH_JWT_SECRET ?? DEV_JWT_SECRET },
      issuer: v.AUTH_ISSUER,
      audience: v.AUTH_AUDIENCE,
      subjectClaim: v.AUTH_SUBJECT_CLAIM,
      rolesClaim: v.AUTH_ROLES_CLAIM,
      devTokens: v.NODE_ENV !== 'production',
      consoleClient: v.CONSOLE_OIDC_CLIENT_ID ? { clientId: v.CONSOLE_OIDC_CLIENT_ID, scope: v.CONSOLE_OIDC_SCOPE } : undefined,
    },
    corsOrigins: v.CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    rateLimits: { queriesPerMinute: v.RATE_LIMIT_QUERIES_PER_MINUTE, verifyCallerPerMinute: v.RATE_LIMIT_VERIFY_CALLER_PER_MINUTE },
    subscriptions: { perConnection: v.SUBSCRIPTIONS_PER_CONNECTION, perCaller: v.SUBSCRIPTIONS_PER_CALLER, sendQueue: v.SUBSCRIPTION_SEND_QUEUE },
    verification: { minFactors: v.VERIFY_MIN_FACTORS, unlockMinutes: v.VERIFY_UNLOCK_MINUTES },
    encryption: encryptionConfig(
      { ...v, FIELD_ENCRYPTION_KEY_FILE: v.FIELD_ENCRYPTION_KEY_FILE ? resolve(v.FIELD_ENCRYPTION_KEY_FILE) : undefined },
      v.NODE_ENV,
      resolve(v.FIELD_ENCRYPTION_LOCAL_KEY_FILE),
    ),
    neo4jLocal: {
      host: '127.0.0.1',
      boltPort: v.NEO4J_LOCAL_BOLT_PORT,
      dataDir: resolve(v.NEO4J_LOCAL_DATA_DIR),
      heap: v.NEO4J_LOCAL_HEAP,
      pageCache: v.NEO4J_LOCAL_PAGECACHE,
      startTimeoutMs: v.NEO4J_LOCAL_START_TIMEOUT_MS,
    },
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return `a ${issue.expected}`;
    case 'too_small':
      return issue.message.startsWith('at least') ? issue.message : `at least ${String(issue.minimum)}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}
