import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_JWT_SECRET, DEV_NEO4J_PASSWORD, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4000, shutdownTimeoutMs: 10_000 });
    expect(config.neo4j).toEqual({
      uri: undefined,
      user: 'neo4j',
      password: DEV_NEO4J_PASSWORD,
      database: 'neo4j',
      requestTimeoutMs: 5_000,
      sessionsPerRequest: 4,
    });
    expect(config.neo4jLocal).toMatchObject({ boltPort: 7687, heap: '512m', pageCache: '256m' });
    expect(config.neo4jLocal.dataDir).toMatch(/\.neo4j-local$/);
  });

  it('treats a blank variable as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(4000);
  });

  it('coerces numbers', () => {
    expect(loadConfig({ PORT: '8080' }).http.port).toBe(8080);
  });

  it.each([
    ['PORT', '70000', /PORT must be at most 65535/],
    ['PORT', 'abc', /PORT must be a number/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of development, test, production/],
    ['NEO4J_URI', 'db.internal:7687', /NEO4J_URI must be a Bolt URI/],
    ['NEO4J_PASSWORD', 'short', /NEO4J_PASSWORD must be at least 8 characters/],
    ['NEO4J_LOCAL_PAGECACHE', '1 GB', /NEO4J_LOCAL_PAGECACHE must be a size such as 512m/],
    ['NEO4J_REQUEST_TIMEOUT_MS', '50', /NEO4J_REQUEST_TIMEOUT_MS must be at least 100/],
    ['NEO4J_SESSIONS_PER_REQUEST', '0', /NEO4J_SESSIONS_PER_REQUEST must be at least 1/],
  ])('names %s when it is malformed', (variable, value, message) => {
    const attempt = () => loadConfig({ [variable]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).not.toContain(value);
    }
  });

  it('requires a password with an explicit NEO4J_URI and in production', () => {
    expect(() => loadConfig({ NEO4J_URI: 'bolt://db:7687' })).toThrow(/NEO4J_PASSWORD must be set when NEO4J_URI is set/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/NEO4J_PASSWORD must be set when NODE_ENV is production/);
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://db.example:7687', NEO4J_PASSWORD: 'long-enough' }).neo4j.uri).toBe(
      'neo4j+s://db.example:7687',
    );
  });
});

describe('loadConfig: ingestion limits', () => {
  it('defaults to a 24-hour future skew and 10,000 kept rejections per source', () => {
    expect(loadConfig({}).ingest).toEqual({ maxFutureSkewMs: 86_400_000, maxRejectionsPerSource: 10_000 });
    expect(loadConfig({ INGEST_MAX_FUTURE_SKEW_MS: '0', INGEST_MAX_REJECTIONS_PER_SOURCE: '5' }).ingest).toEqual({ maxFutureSkewMs: 0, maxRejectionsPerSource: 5 });
  });

  it('refuses a cap of no rejections at all and a negative skew', () => {
    expect(() => loadConfig({ INGEST_MAX_REJECTIONS_PER_SOURCE: '0' })).toThrow(/INGEST_MAX_REJECTIONS_PER_SOURCE must be at least 1/);
    expect(() => loadConfig({ INGEST_MAX_FUTURE_SKEW_MS: '-1' })).toThrow(/INGEST_MAX_FUTURE_SKEW_MS must be at least 0/);
  });
});

describe('loadConfig: step-up verification', () => {
  it('defaults to two matching factors and a 15-minute unlock', () => {
    expect(loadConfig({}).verification).toEqual({ minFactors: 2, unlockMinutes: 15 });
    expect(loadConfig({ VERIFY_MIN_FACTORS: '3', VERIFY_UNLOCK_MINUTES: '5' }).verification).toEqual({ minFactors: 3, unlockMinutes: 5 });
  });

  it('refuses more factors than there are, and an unlock of no time', () => {
    expect(() => loadConfig({ VERIFY_MIN_FACTORS: '5' })).toThrow(/VERIFY_MIN_FACTORS must be at most 4/);
    expect(() => loadConfig({ VERIFY_UNLOCK_MINUTES: '0' })).toThrow(/VERIFY_UNLOCK_MINUTES must be at least 1/);
  });
});

describe('authentication settings', () => {
  // Production also needs field-encryption keys (src/privacy/key-config.test.ts); any valid pair will do here.
  const production = { NODE_ENV: 'production', NEO4J_PASSWORD: 'a-production-password', FIELD_ENCRYPTION_KEYS: `k1:${'A'.repeat(43)}=`, FIELD_BLIND_INDEX_KEY: `${'B'.repeat(43)}=` };

  it('refuses to start in production without a token secret or an OIDC provider, or with the development secret', () => {
    expect(() => loadConfig(production)).toThrow(/AUTH_JWKS_URL must be set when NODE_ENV is production/);
    expect(() => loadConfig({ ...production, AUTH_JWT_SECRET: DEV_JWT_SECRET })).toThrow(/AUTH_JWT_SECRET must not be the development secret/);
    expect(() => loadConfig({ ...production, AUTH_JWKS_URL: 'https://id.example.test/certs' })).toThrow(/AUTH_ISSUER must be set/);
    expect(() => loadConfig({ AUTH_JWT_SECRET: 'too-short' })).toThrow(/AUTH_JWT_SECRET must be at least 32 characters/);
  });

  it('verifies against the JWKS in production and never mints tokens there', () => {
    const config = loadConfig({ ...production, AUTH_JWKS_URL: 'https://id.example.test/certs', AUTH_ISSUER: 'https://id.example.test', AUTH_AUDIENCE: 'identity-graph', AUTH_ROLES_CLAIM: 'realm_access.roles' });
    expect(config.auth).toEqual({
      verifier: { kind: 'jwks', url: 'https://id.example.test/certs' },
      issuer: 'https://id.example.test',
      audience: 'identity-graph',
      subjectClaim: 'sub',
      rolesClaim: 'realm_access.roles',
      devTokens: false,
    });
    expect(loadConfig({}).auth).toMatchObject({ verifier: { kind: 'secret', secret: DEV_JWT_SECRET }, devTokens: true });
  });

  it('signs the console in at the issuer as its OIDC client, and refuses a client without an issuer', () => {
    expect(() => loadConfig({ CONSOLE_OIDC_CLIENT_ID: 'console-web' })).toThrow(/AUTH_ISSUER must be set when CONSOLE_OIDC_CLIENT_ID is set/);
    const oidc = { ...production, AUTH_JWKS_URL: 'https://id.example.test/certs', AUTH_ISSUER: 'https://id.example.test', AUTH_AUDIENCE: 'identity-graph', CONSOLE_OIDC_CLIENT_ID: 'console-web' };
    expect(loadConfig(oidc).auth.consoleClient).toEqual({ clientId: 'console-web', scope: 'openid profile' });
    expect(loadConfig({}).auth.consoleClient).toBeUndefined();
  });
});

describe('loadConfig: over-merge guards and re-resolution bounds', () => {
  it('defaults to customers of at most 200 records, and refuses a re-resolution merging away more than 5% or passing the limit', () => {
    const config = loadConfig({});
    expect(config.match.maxCustomerRecords).toBe(200);
    expect(config.resolve).toEqual({ maxMergedAwayPercent: 5, maxCustomerRecords: 200 });
    expect(loadConfig({ MATCH_MAX_CUSTOMER_RECORDS: '50' }).resolve.maxCustomerRecords).toBe(50);
    expect(loadConfig({ MATCH_MAX_CUSTOMER_RECORDS: '50', RESOLVE_MAX_CUSTOMER_RECORDS: '80', RESOLVE_MAX_MERGED_AWAY_PERCENT: '0.5' }).resolve).toEqual({ maxMergedAwayPercent: 0.5, maxCustomerRecords: 80 });
  });

  it('refuses a limit of one record and a share above 100%', () => {
    expect(() => loadConfig({ MATCH_MAX_CUSTOMER_RECORDS: '1' })).toThrow(/MATCH_MAX_CUSTOMER_RECORDS must be at least 2/);
    expect(() => loadConfig({ RESOLVE_MAX_MERGED_AWAY_PERCENT: '101' })).toThrow(/RESOLVE_MAX_MERGED_AWAY_PERCENT must be at most 100/);
  });
});
