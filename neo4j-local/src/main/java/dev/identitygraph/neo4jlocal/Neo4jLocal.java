package dev.identitygraph.neo4jlocal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Neo4j Community embedded with Bolt on loopback, for machines without Docker.
 * Started and supervised by src/graph/local-neo4j.ts; also usable by hand.
 *
 * Usage: Neo4jLocal --home DIR [--host 127.0.0.1] [--port 7687] [--pagecache 256m]
 *                   [--timeout-seconds 120] [--exit-when-stdin-closes]
 * Env:   NEO4J_PASSWORD (required, min 8 chars). Taken from the environment rather than
 *        argv so it never shows up in `ps`.
 *
 * stdout carries exactly one line, "NEO4J_LOCAL_READY bolt://HOST:PORT", once Bolt accepts
 * connections; everything else (Neo4j's user log, errors) goes to stderr. Exit codes:
 * 0 normal stop, 1 start failure, 2 bad usage.
 */
public final class Neo4jLocal {
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static volatile DatabaseManagementService dbms;

    public static void main(String[] args) {
        Map<String, String> opts = new HashMap<>();
        boolean exitWhenStdinCloses = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--exit-when-stdin-closes")) {
                exitWhenStdinCloses = true;
            } else if (a.startsWith("--") && i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else {
                fail(2, "unexpected argument " + a);
            }
        }
        String home = opts.get("home");
        String host = opts.getOrDefault("host", "127.0.0.1");
        String password = System.getenv("NEO4J_PASSWORD");
        if (home == null) fail(2, "--home is required");
        if (password == null || password.length() < 8) {
            fail(2, "NEO4J_PASSWORD must have at least 8 characters");
        }
        int port = 0;
        long pageCache = 0;
        int timeoutSeconds = 0;
        try {
            port = Integer.parseInt(opts.getOrDefault("port", "7687"));
            pageCache = ByteUnit.parse(opts.getOrDefault("pagecache", "256m"));
            timeoutSeconds = Integer.parseInt(opts.getOrDefault("timeout-seconds", "120"));
        } catch (RuntimeException e) {
            fail(2, "bad --port, --pagecache or --timeout-seconds: " + e.getMessage());
        }

        // Registered before start so that a SIGTERM or stdin EOF mid-start still closes the store cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jLocal::shutdown, "neo4j-local-shutdown"));
        if (exitWhenStdinCloses) {
            // The Node parent keeps our stdin open; EOF means it died, possibly by SIGKILL.
            Thread watcher = new Thread(() -> {
                try {
                    while (System.in.read() != -1) { /* ignore input */ }
                } catch (IOException ignored) {
                    // treated like EOF
                }
                System.err.println("neo4j-local: stdin closed, shutting down");
                System.exit(0);
            }, "neo4j-local-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        long t0 = System.nanoTime();
        try {
            Path homePath = Path.of(home).toAbsolutePath();
            Files.createDirectories(homePath);
            dbms = new DatabaseManagementServiceBuilder(homePath)
                    .setUserLogProvider(new Log4jLogProvider(System.err, Level.INFO))
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports from dev machines
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                    // A dev database: keep little transaction history on disk.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                    .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // Bolt otherwise sleeps ~5 s twice on shutdown even with no connections open.
                    .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, ONE_SECOND)
                    .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, ONE_SECOND)
                    .build();

            long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
            long t1 = System.nanoTime();
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            awaitAvailable(system, deadline);
            setPassword(system, password);
            long t2 = System.nanoTime();
            awaitAvailable(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME), deadline);
            awaitBolt(host, port, deadline);
            System.err.printf("neo4j-local: started in %d ms (dbms %d ms, password %d ms)%n",
                    (System.nanoTime() - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        } catch (Throwable e) {
            fail(1, "Neo4j failed to start: " + rootMessage(e));
        }
        System.out.println("NEO4J_LOCAL_READY bolt://" + host + ":" + port);
        System.out.flush();
    }

    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // On restart the stored password is usually this one already, which Neo4j refuses to "change".
            if (!rootMessage(e).contains("Old password and new password cannot be the same")) throw e;
            System.err.println("neo4j-local: password unchanged");
        }
    }

    private static void awaitAvailable(GraphDatabaseService db, long deadline) {
        long leftMs = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
        if (!db.isAvailable(leftMs)) {
            throw new IllegalStateException(
                    "database " + db.databaseName() + " not available in time (see logs/debug.log)");
        }
    }

    private static void awaitBolt(String host, int port, long deadline) throws InterruptedException {
        // A wildcard listen address is not connectable on every platform; loopback is.
        String target = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(target, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Bolt refuses connections on " + target + ":" + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void shutdown() {
        DatabaseManagementService s = dbms;
        dbms = null;
        if (s != null) {
            s.shutdown();
            System.err.println("neo4j-local: stopped");
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && sb.indexOf(t.getMessage()) < 0) {
                if (sb.length() > 0) sb.append(": ");
                sb.append(t.getMessage());
            }
        }
        return (sb.length() == 0 ? e.toString() : sb.toString()).replace('\n', ' ');
    }

    private static void fail(int code, String message) {
        System.err.println("neo4j-local: " + message);
        System.exit(code); // the shutdown hook releases a half-started DBMS and its store lock
    }
}
