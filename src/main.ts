import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { describeErrorForLog } from './errors/log-safe.ts';
import { createDriver } from './graph/driver.ts';
import { GraphExecutor } from './graph/executor.ts';
import { startLocalNeo4j, type LocalNeo4j } from './graph/local-neo4j.ts';
import { migrate } from './graph/migrations/migrate.ts';
import { waitForNeo4j } from './graph/wait-for-neo4j.ts';
import { refreshViewIfStale } from './jobs/refresh-view.job.ts';
import { rotateIfPlaintext } from './jobs/rotate-keys.job.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';
import { createServices, seedReferenceData, serviceOptionsFrom } from './services.ts';

/** Exit status for a bad setting (sysexits' EX_CONFIG). */
const EXIT_CONFIG = 78;

const version = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const cleanups: Array<() => Promise<void>> = [];
  let stopping = false;

  const shutdown = async (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.http.shutdownTimeoutMs + 30_000);
    force.unref();
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error({ err: describeErrorForLog(error) }, 'cleanup failed');
      }
    }
    logger.info('stopped');
    process.exit(exitCode);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.once('SIGINT', () => void shutdown('SIGINT', 0));

  try {
    let uri = config.neo4j.uri;
    if (!uri) {
      logger.info({ port: config.neo4jLocal.boltPort, dataDir: config.neo4jLocal.dataDir }, 'NEO4J_URI unset: starting the local Neo4j');
      const local: LocalNeo4j = await startLocalNeo4j({
        ...config.neo4jLocal,
        password: config.neo4j.password,
        log: (message) => logger.info(message),
      });
      cleanups.push(() => local.stop());
      void local.exited.then((code) => {
        if (!stopping) {
          logger.fatal({ exitCode: code }, 'the local Neo4j stopped unexpectedly');
          void shutdown('local Neo4j exited', 1);
        }
      });
      uri = local.uri;
    }
    const driver = createDriver({ ...config.neo4j, uri });
    cleanups.push(() => driver.close());
    const executor = new GraphExecutor(driver, config.neo4j.database, config.neo4j);

    const services = createServices(executor, await serviceOptionsFrom(config, logger));
    const server = await startServer({ config, logger, executor, services, version });
    cleanups.push(() => server.stop());
    logger.info({ url: `${server.url}/graphql` }, 'listening; applying migrations');

    await waitForNeo4j(executor, config.neo4jLocal.startTimeoutMs);
    const report = await migrate(executor);
    await seedReferenceData(services);
    // Entries are appended unchained by every write; the sealer chains them in the background.
    // Each new head is logged: an anchor outside the database for `verify-audit --anchor`.
    const stopSealer = services.audit.startSealer(
      config.audit.sealIntervalMs,
      (error) => logger.error({ err: describeErrorForLog(error) }, 'audit sealing failed'),
      (head) => logger.info({ auditAnchor: `${head.seq}:${head.hash}` }, 'audit chain sealed'),
    );
    cleanups.push(stopSealer);
    // Jobs whose process stopped are taken over and resumed; on shutdown this process's jobs stop at a checkpoint and hand back their lease.
    cleanups.push(services.jobs.startWorker());
    // Customers written before this release's derivations (search tokens, segment properties) get them in the background; one job across processes.
    await refreshViewIfStale(services.jobs, services.view, logger).catch((error: unknown) => logger.error({ err: describeErrorForLog(error) }, 'could not check or start the view refresh'));
    // A store from before field encryption: its values are encrypted and its lookups re-keyed in the background (reads of plaintext work meanwhile).
    await rotateIfPlaintext(services.jobs, services.keyRotation, logger).catch((error: unknown) => logger.error({ err: describeErrorForLog(error) }, 'could not check for or start the plaintext upgrade'));
    // Change events: every process sequences the outbox and feeds its own subscriptions; webhook deliveries are leased, so any number may send.
    cleanups.push(await services.events.startFeed(logger));
    if (config.events.webhookWorker) cleanups.push(services.events.startWebhookWorker(logger));
    // Retention: ended deliveries, passed outbox events and finished jobs are deleted in batches; any number of processes may sweep.
    cleanups.push(services.events.startRetention(logger), services.jobs.startRetention());
    server.markReady(report.current);
    logger.info({ applied: report.applied, url: `${server.url}/graphql` }, 'GraphQL API ready');
    if (process.stdout.isTTY) process.stderr.write(`\nGraphQL API ready at ${server.url}/graphql\n\n`);
    if (config.env === 'development' && config.auth.verifier.kind === 'secret') {
      const hint = 'Every request needs credentials. A development token: npm run cli -- token --role steward --id ada; send it as "Authorization: Bearer <token>"';
      logger.info(hint);
      if (process.stdout.isTTY) process.stderr.write(`${hint}\n\n`);
    }
  } catch (error) {
    logger.fatal({ err: describeErrorForLog(error) }, error instanceof Error ? error.message : 'start-up failed');
    await shutdown('start-up failed', 1);
  }
}

process.on('unhandledRejection', (error) => {
  process.stderr.write(`${JSON.stringify({ level: 60, msg: 'unhandled rejection', err: describeErrorForLog(error) })}\n`);
  process.exit(1);
});

await main();
