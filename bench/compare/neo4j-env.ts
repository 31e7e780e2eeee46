import { openBenchDatabase } from '../support/neo4j.ts';

/**
 * A Neo4j for a child process (the product's CLI) to run on, as the environment variables
 * the CLI reads: the benches' own database (NEO4J_URI when set, otherwise a throwaway
 * local Neo4j that `close` stops and deletes).
 */
export type ChildDatabase = {
  env: Record<string, string>;
  /** Never the credentials. */
  description: string;
  close(): Promise<void>;
};

export async function openChildDatabase(log: (msg: string) => void): Promise<ChildDatabase> {
  const { env, description, close } = await openBenchDatabase(log);
  return { env, description, close };
}
