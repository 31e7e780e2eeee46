import neo4j, { type Driver } from 'neo4j-driver';
import { NEO4J_REQUEST_TIMEOUT_DEFAULT_MS, type Config } from '../config.ts';

/** `requestTimeoutMs` (NEO4J_REQUEST_TIMEOUT_MS) sets the driver's own timeouts; see below. */
export type DriverSettings = Pick<Config['neo4j'], 'user' | 'password'> &
  Partial<Pick<Config['neo4j'], 'database' | 'requestTimeoutMs'>> & { uri: string };

/**
 * The process's one driver. Integers come back as JS numbers: every integer this
 * product stores (counts, epoch milliseconds, versions) is far below 2^53.
 *
 * Its timeouts follow the request timeout T, so that a Neo4j that is away costs a call
 * about T, not the driver's defaults (30 s and more). The executor enforces T itself,
 * counting only time spent waiting for Neo4j; these make the driver give up on a
 * connection, and stop retrying, at about the same time:
 * - connectionTimeout T: one TCP connect (only that: the Bolt handshake after it has no
 *   timeout of its own, so a Neo4j that accepts and never answers is caught by the next);
 * - connectionAcquisitionTimeout T + 1 s: everything needed to get a connection (connect,
 *   handshake, waiting for room in the pool); the executor's own limit of T comes first
 *   and answers SERVICE_UNAVAILABLE, where this one's error carries no code to map;
 * - maxTransactionRetryTime T: transient errors (deadlocks) are still retried, after about
 *   1, 3 and 7 s at the default T of 5 s.
 */
export function createDriver(settings: DriverSettings): Driver {
  const timeoutMs = settings.requestTimeoutMs ?? NEO4J_REQUEST_TIMEOUT_DEFAULT_MS;
  return neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionTimeout: timeoutMs,
    connectionAcquisitionTimeout: timeoutMs + 1_000,
    maxTransactionRetryTime: timeoutMs,
    userAgent: 'identity-graph',
  });
}
