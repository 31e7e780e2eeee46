import { loadConfig } from '../config.ts';
import { createDriver } from '../graph/driver.ts';
import { GraphExecutor } from '../graph/executor.ts';
import { migrate } from '../graph/migrations/migrate.ts';
import { createServices, seedReferenceData, serviceOptionsFrom, type Services } from '../services.ts';

export type Connection = { services: Services; executor: GraphExecutor; close(): Promise<void> };

/**
 * Opens the product's database for a command-line tool: NEO4J_URI when set, otherwise
 * the local Neo4j that `npm start` or `npm run neo4j` runs. Brings the schema up to date
 * first, so a command works on a fresh database.
 */
export async function connect(env: NodeJS.ProcessEnv = process.env): Promise<Connection> {
  const config = loadConfig(env);
  // Read before connecting: a bad model or survivorship file stops the command here, with
  // no driver left open to keep the process alive.
  const options = await serviceOptionsFrom(config);
  const uri = config.neo4j.uri ?? `bolt://127.0.0.1:${config.neo4jLocal.boltPort}`;
  const driver = createDriver({ ...config.neo4j, uri });
  const executor = new GraphExecutor(driver, config.neo4j.database, config.neo4j);
  if (!(await executor.ping(config.neo4j.requestTimeoutMs))) {
    await driver.close();
    throw new Error(
      `Cannot reach Neo4j at ${uri}. Start the product (npm start) or the database (npm run neo4j), or set NEO4J_URI.`,
    );
  }
  try {
    await migrate(executor);
    const services = createServices(executor, options);
    await seedReferenceData(services);
    return { services, executor, close: () => driver.close() };
  } catch (error) {
    await driver.close();
    throw error;
  }
}
