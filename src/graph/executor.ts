import neo4j, { type Driver, type Integer, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import { mapDriverError } from './driver-errors.ts';

export type Params = Record<string, unknown>;
export type Tx = ManagedTransaction;

/**
 * The one way Cypher reaches Neo4j: a session per unit of work on the configured
 * database, managed transactions (retried by the driver on transient errors, so the
 * work must be idempotent), and driver errors mapped to domain errors by code.
 */
export class GraphExecutor {
  readonly driver: Driver;
  readonly database: string;

  constructor(driver: Driver, database: string) {
    this.driver = driver;
    this.database = database;
  }

  /** Runs `work` in a read transaction. */
  async read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'READ' });
    try {
      return await session.executeRead(work);
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  }

  /** Runs `work` in a write transaction: all of it commits, or none of it. */
  async write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'WRITE' });
    try {
      return await session.executeWrite(work);
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  }

  /** One read query, its rows as plain objects. */
  async readRows<R extends RecordShape>(query: string, params: Params = {}): Promise<R[]> {
    return this.read(async (tx) => rowsOf<R>(await tx.run<R>(query, params)));
  }

  /** One write query, its rows as plain objects. */
  async writeRows<R extends RecordShape>(query: string, params: Params = {}): Promise<R[]> {
    return this.write(async (tx) => rowsOf<R>(await tx.run<R>(query, params)));
  }

  /**
   * Schema statements (constraints, indexes) cannot share a transaction with data
   * writes, so each runs in its own auto-commit transaction; so do migrations' data
   * statements that batch themselves with CALL { ... } IN TRANSACTIONS.
   */
  async runSchema(statement: string): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: 'WRITE' });
    try {
      await session.run(statement);
    } catch (error) {
      throw mapDriverError(error);
    } finally {
      await session.close();
    }
  }

  /** True when Neo4j answers a trivial query within the driver's timeouts. */
  async ping(): Promise<boolean> {
    try {
      await this.readRows('RETURN 1 AS ok');
      return true;
    } catch {
      return false;
    }
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
