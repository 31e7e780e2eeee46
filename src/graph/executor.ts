import neo4j, {
  type Driver,
  type Integer,
  type ManagedTransaction,
  type QueryResult,
  type RecordShape,
  type Session,
} from 'neo4j-driver';
import { NEO4J_REQUEST_TIMEOUT_DEFAULT_MS, NEO4J_SESSIONS_PER_REQUEST_DEFAULT } from '../config.ts';
import { DomainError } from '../errors/domain-error.ts';
import { isConnectionLost, mapDriverError } from './driver-errors.ts';
import { holdingASession, inRequest, takeSessionPlace } from './request-scope.ts';

export type Params = Record<string, unknown>;
export type Tx = ManagedTransaction;

export type ExecutorLimits = {
  /** NEO4J_REQUEST_TIMEOUT_MS: how long a call waits for Neo4j to answer. */
  requestTimeoutMs: number;
  /** NEO4J_SESSIONS_PER_REQUEST, for withRequestSessionLimit. */
  sessionsPerRequest: number;
};

type Mode = 'READ' | 'WRITE';

/** A read of a request allowed longer than NEO4J_REQUEST_TIMEOUT_MS (a segment over the whole base). */
export type ReadLimits = { timeoutMs?: number };

/** How often an auto-commit read is tried on transient errors, and the pause before the next try (times the attempt). */
const READ_ATTEMPTS = 3;
const RETRY_DELAY_MS = 100;
/** An auto-commit read's wait ends this long after Neo4j's own limit on the read, so Neo4j's comes first. */
const AUTO_COMMIT_GRACE_MS = 1_000;
type TransactionConfig = Parameters<Session['executeRead']>[1];

/**
 * The one way Cypher reaches Neo4j: a session per unit of work on the configured
 * database, managed transactions (retried by the driver on transient errors, so the
 * work must be idempotent), and driver errors mapped to domain errors by code.
 *
 * A call that cannot reach Neo4j fails with SERVICE_UNAVAILABLE after `requestTimeoutMs`;
 * the limit counts only time spent waiting for Neo4j, never the work itself, so bulk
 * writes take as long as they need. Within an HTTP request (see request-scope.ts) the
 * call first waits for one of the request's sessions, and a read may run no longer than
 * `requestTimeoutMs` (Neo4j ends it).
 */
export class GraphExecutor {
  readonly driver: Driver;
  readonly database: string;
  readonly requestTimeoutMs: number;
  readonly sessionsPerRequest: number;
  private open = 0;
  private peak = 0;

  constructor(driver: Driver, database: string, limits: Partial<ExecutorLimits> = {}) {
    this.driver = driver;
    this.database = database;
    this.requestTimeoutMs = limits.requestTimeoutMs ?? NEO4J_REQUEST_TIMEOUT_DEFAULT_MS;
    this.sessionsPerRequest = limits.sessionsPerRequest ?? NEO4J_SESSIONS_PER_REQUEST_DEFAULT;
  }

  /** Runs `work` in a read transaction. */
  async read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    // Outside a request (CLI exports, training) reads may be long; within one they may not.
    const config = inRequest() ? { timeout: this.requestTimeoutMs } : undefined;
    return this.transaction('READ', work, config, this.requestTimeoutMs);
  }

  /** Runs `work` in a write transaction: all of it commits, or none of it. */
  async write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transaction('WRITE', work, undefined, this.requestTimeoutMs);
  }

  /**
   * One read query, its rows as plain objects. Within a request it runs as an auto-commit
   * transaction (readAutoCommit); elsewhere in a managed read transaction.
   */
  async readRows<R extends RecordShape>(query: string, params: Params = {}, limits: ReadLimits = {}): Promise<R[]> {
    if (inRequest()) return this.readAutoCommit<R>(query, params, limits);
    return this.read(async (tx) => rowsOf<R>(await tx.run<R>(query, params)));
  }

  /**
   * One read query of a request as an auto-commit transaction: one message to Neo4j
   * (RUN and PULL together) where a managed transaction sends BEGIN, RUN and COMMIT, each
   * a socket write and a turn of Neo4j's Bolt worker. The read is idempotent, so a
   * transient failure is retried here as the driver would (up to READ_ATTEMPTS), within
   * the request's limit: Neo4j ends the read after `requestTimeoutMs` (or `limits.timeoutMs`),
   * and waiting for Neo4j at all (connecting, retrying) is bounded a second later.
   */
  async readAutoCommit<R extends RecordShape>(query: string, params: Params = {}, limits: ReadLimits = {}): Promise<R[]> {
    const timeoutMs = limits.timeoutMs ?? this.requestTimeoutMs;
    return this.inSession('READ', timeoutMs + AUTO_COMMIT_GRACE_MS, async (session, wait) => {
      for (let attempt = 1; ; attempt++) {
        if (wait.expiredWith) throw wait.expiredWith;
        try {
          return rowsOf<R>(await session.run<R>(query, params, { timeout: timeoutMs }));
        } catch (error) {
          if (attempt >= READ_ATTEMPTS || !neo4j.isRetryableError(error as Error)) throw error;
          await new Promise((done) => setTimeout(done, RETRY_DELAY_MS * attempt));
        }
      }
    });
  }

  /** One write query, its rows as plain objects. */
  async writeRows<R extends RecordShape>(query: string, params: Params = {}): Promise<R[]> {
    return this.write(async (tx) => rowsOf<R>(await tx.run<R>(query, params)));
  }

  /**
   * Schema statements (constraints, indexes) cannot share a transaction with data
   * writes, so each runs in its own auto-commit transaction; so do migrations' data
   * statements that batch themselves with CALL { ... } IN TRANSACTIONS. They run after
   * Neo4j answered a ping and may take long, so only the driver's timeouts apply.
   */
  async runSchema(statement: string): Promise<void> {
    await this.inSession('WRITE', null, async (session) => {
      await session.run(statement);
    });
  }

  /** True when Neo4j answers a trivial query within `timeoutMs`; false otherwise, never later. */
  async ping(timeoutMs: number = this.requestTimeoutMs): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, false);
    });
    const answered = this.transaction('READ', (tx) => tx.run('RETURN 1 AS ok'), { timeout: timeoutMs }, timeoutMs).then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sessions open now, and the most open at once since `resetSessionPeak` (diagnostics, tests). */
  sessionCounts(): { open: number; peak: number } {
    return { open: this.open, peak: this.peak };
  }

  resetSessionPeak(): void {
    this.peak = this.open;
  }

  private transaction<T>(mode: Mode, work: (tx: Tx) => Promise<T>, config: TransactionConfig | undefined, waitMs: number): Promise<T> {
    return this.inSession(mode, waitMs, (session, wait) => {
      const attempt = async (tx: Tx): Promise<T> => {
        // The caller was already answered SERVICE_UNAVAILABLE: the work must not happen after all.
        if (wait.expiredWith) throw wait.expiredWith;
        wait.stop(); // the transaction has begun, so Neo4j answers
        try {
          return await work(tx);
        } catch (error) {
          // The driver will retry on a new connection: bound again how long it waits for one.
          if (isConnectionLost(error)) wait.start();
          throw error;
        }
      };
      return mode === 'READ' ? session.executeRead(attempt, config) : session.executeWrite(attempt, config);
    });
  }

  private async inSession<T>(mode: Mode, waitMs: number | null, use: (session: Session, wait: WaitForNeo4j) => Promise<T>): Promise<T> {
    const release = await takeSessionPlace();
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode });
    this.open += 1;
    this.peak = Math.max(this.peak, this.open);
    const wait = new WaitForNeo4j(waitMs);
    try {
      return await Promise.race([holdingASession(() => use(session, wait)), wait.expired]);
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      wait.stop();
      const closed = session
        .close()
        .catch(() => undefined)
        .finally(() => {
          this.open -= 1;
          release();
        });
      // A session given up on may still be connecting: it closes in the background, and its caller is answered now.
      if (!wait.expiredWith) await closed;
    }
  }
}

/**
 * Bounds the time a call spends waiting for Neo4j: armed while no transaction is under
 * way (connecting, waiting in the pool, retrying after a lost connection), stopped while
 * the work runs. `limitMs` null: no bound.
 */
class WaitForNeo4j {
  readonly expired: Promise<never>;
  expiredWith: DomainError | undefined;
  private readonly limitMs: number | null;
  private timer: NodeJS.Timeout | undefined;
  private fail: (error: DomainError) => void = () => undefined;

  constructor(limitMs: number | null) {
    this.limitMs = limitMs;
    this.expired = new Promise<never>((_resolve, reject) => {
      this.fail = reject;
    });
    this.start();
  }

  start(): void {
    if (this.limitMs === null || this.timer !== undefined || this.expiredWith) return;
    const limitMs = this.limitMs;
    this.timer = setTimeout(() => {
      this.expiredWith = new DomainError('SERVICE_UNAVAILABLE', `Neo4j did not answer within ${limitMs} ms`);
      this.fail(this.expiredWith);
    }, limitMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export function rowsOf<R extends RecordShape>(result: QueryResult<R>): R[] {
  return result.records.map((record) => record.toObject());
}

/**
 * A whole number for Cypher. Plain JS numbers reach Neo4j as floats, which LIMIT,
 * list slicing and toString treat differently from integers (50.0 is not 50).
 */
export const int = (value: number): Integer => neo4j.int(Math.trunc(value));
