import neo4j, { type Driver } from 'neo4j-driver';
import type { Config } from '../config.ts';

/**
 * The process's one driver. Integers come back as JS numbers: every integer this
 * product stores (counts, epoch milliseconds, versions) is far below 2^53.
 */
export function createDriver(settings: Config['neo4j'] & { uri: string }): Driver {
  return neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 30_000,
    maxTransactionRetryTime: 15_000,
    userAgent: 'identity-graph',
  });
}
