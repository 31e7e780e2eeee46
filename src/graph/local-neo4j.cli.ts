/**
 * `npm run neo4j`: runs only the local Neo4j in the foreground, so it can outlive API
 * restarts. Point the API at it with the NEO4J_URI / NEO4J_PASSWORD it prints.
 */
import { ConfigError, DEV_NEO4J_PASSWORD, loadConfig } from '../config.ts';
import type { Config } from '../config.ts';
import { LocalNeo4jError, startLocalNeo4j } from './local-neo4j.ts';
import type { LocalNeo4j } from './local-neo4j.ts';

const EX_CONFIG = 78; // sysexits.h: configuration error

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exit(EX_CONFIG);
}

const log = (msg: string) => console.error(`[neo4j-local] ${msg}`);
if (config.neo4j.uri) log(`note: NEO4J_URI is set, so the API uses ${config.neo4j.uri}, not this database`);

let db: LocalNeo4j;
try {
  db = await startLocalNeo4j({ ...config.neo4jLocal, password: config.neo4j.password, log });
} catch (e) {
  if (!(e instanceof LocalNeo4jError)) throw e;
  console.error(e.message);
  process.exit(1);
}

console.log(`Neo4j is running at ${db.uri} (user ${db.user}, data in ${config.neo4jLocal.dataDir}); Ctrl-C stops it.`);
console.log(
  config.neo4j.password === DEV_NEO4J_PASSWORD
    ? `Start the API against it with: NEO4J_URI=${db.uri} NEO4J_PASSWORD=${DEV_NEO4J_PASSWORD} npm start`
    : `Start the API against it with: NEO4J_URI=${db.uri} npm start (keeping the password from NEO4J_PASSWORD)`,
);

let signalled = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    log(`${signal} received, stopping Neo4j`);
    void db.stop().then(() => process.exit(0));
  });
}
const code = await db.exited;
if (!signalled) {
  log(`Neo4j exited on its own (code ${String(code)})`);
  process.exit(1);
}
