import type { RecordShape } from 'neo4j-driver';
import type { GraphExecutor, Params, ReadLimits, Tx } from '../../src/graph/executor.ts';

export type QueryCounts = { transactions: number; queries: number };

/**
 * Counts what an executor sends to Neo4j: transactions (each at least one Bolt round trip
 * to begin and commit) and statements run in them (each a round trip of its own). Every
 * attempt counts, retries included. The services built on this executor are counted
 * too: they call its read and write. `stop` puts the executor back as it was.
 */
export function countQueries(executor: GraphExecutor): { counts: QueryCounts; reset(): void; stop(): void } {
  const counts: QueryCounts = { transactions: 0, queries: 0 };
  const { read, write, readAutoCommit } = executor;
  const counted = (tx: Tx): Tx =>
    new Proxy(tx, {
      get: (target, prop) => {
        if (prop !== 'run') return Reflect.get(target, prop) as unknown;
        return (...args: Parameters<Tx['run']>) => {
          counts.queries += 1;
          return target.run(...args);
        };
      },
    });
  const wrap = (original: GraphExecutor['read']): GraphExecutor['read'] =>
    function <T>(this: GraphExecutor, work: (tx: Tx) => Promise<T>): Promise<T> {
      return original.call(this, (tx: Tx) => {
        counts.transactions += 1;
        return work(counted(tx));
      }) as Promise<T>;
    };
  executor.read = wrap(read);
  executor.write = wrap(write);
  // A request's single reads run as auto-commit transactions: one transaction, one statement each.
  executor.readAutoCommit = function <R extends RecordShape>(this: GraphExecutor, query: string, params?: Params, limits?: ReadLimits): Promise<R[]> {
    counts.transactions += 1;
    counts.queries += 1;
    return readAutoCommit.call(this, query, params, limits) as Promise<R[]>;
  };
  return {
    counts,
    reset() {
      counts.transactions = 0;
      counts.queries = 0;
    },
    stop() {
      executor.read = read;
      executor.readAutoCommit = readAutoCommit;
      executor.write = write;
    },
  };
}
