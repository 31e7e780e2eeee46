import { resolve } from 'node:path';
import { z } from 'zod';

/** Development-only default password of the local Neo4j; refused in production. */
export const DEV_NEO4J_PASSWORD = 'identity-graph-dev';

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
  NEO4J_LOCAL_BOLT_PORT: port.default(7687),
  NEO4J_LOCAL_DATA_DIR: z.string().min(1).default('.neo4j-local'),
  NEO4J_LOCAL_HEAP: memorySize.default('512m'),
  NEO4J_LOCAL_PAGECACHE: memorySize.default('256m'),
  NEO4J_LOCAL_START_TIMEOUT_MS: z.coerce.number().int().positive().default(180_000),
  MATCH_MODEL_PATH: z.string().min(1).optional(),
  MATCH_HUB_DEGREE: z.coerce.number().int().min(2).default(25),
  SURVIVORSHIP_CONFIG_PATH: z.string().min(1).optional(),
  AUDIT_SEAL_INTERVAL_MS: z.coerce.number().int().min(100).default(2_000),
});

export type ConfigVariable = keyof typeof configSchema.shape;

export type Config = {
  env: 'development' | 'test' | 'production';
  http: { host: string; port: number; shutdownTimeoutMs: number };
  logLevel: z.infer<typeof configSchema>['LOG_LEVEL'];
  neo4j: { uri: string | undefined; user: string; password: string; database: string };
  match: { modelPath: string | undefined; hubDegree: number };
  golden: { survivorshipPath: string | undefined };
  audit: { sealIntervalMs: number };
  neo4jLocal: {
    host: string;
    boltPort: number;
    dataDir: string;
    heap: string;
    pageCache: string;
    startTimeoutMs: number;
  };
};

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
  return {
    env: v.NODE_ENV,
    http: { host: v.HOST, port: v.PORT, shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS },
    logLevel: v.LOG_LEVEL,
    neo4j: {
      uri: v.NEO4J_URI,
      user: v.NEO4J_USER,
      password: v.NEO4J_PASSWORD ?? DEV_NEO4J_PASSWORD,
      database: v.NEO4J_DATABASE,
    },
    match: { modelPath: v.MATCH_MODEL_PATH ? resolve(v.MATCH_MODEL_PATH) : undefined, hubDegree: v.MATCH_HUB_DEGREE },
    golden: { survivorshipPath: v.SURVIVORSHIP_CONFIG_PATH ? resolve(v.SURVIVORSHIP_CONFIG_PATH) : undefined },
    audit: { sealIntervalMs: v.AUDIT_SEAL_INTERVAL_MS },
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
