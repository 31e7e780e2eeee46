import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  closeSync,
  constants,
  createWriteStream,
  mkdirSync,
  openSync,
  statSync,
} from 'node:fs';
import { open, readFile, stat, utimes } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';

/**
 * Runs Neo4j Community embedded in a child JVM (neo4j-local/) for machines without Docker.
 * The JVM is the direct child (no shell) in its own process group, so Ctrl-C reaches only
 * Node and the API can drain requests before stopping the database; its stdin is a pipe we
 * never close, so it exits on its own if this process dies, even by SIGKILL.
 */

export type LocalNeo4jOptions = {
  host: string;
  boltPort: number;
  dataDir: string;
  password: string;
  heap: string;
  pageCache: string;
  startTimeoutMs: number;
  log?: (msg: string) => void;
};

export type LocalNeo4j = {
  uri: string;
  user: string;
  password: string;
  pid: number;
  /** Settles when the JVM exits, with its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stop(timeoutMs?: number): Promise<void>;
};

export class LocalNeo4jError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalNeo4jError';
  }
}

const PROJECT_DIR = resolve(import.meta.dirname, '../../neo4j-local');
const POM = join(PROJECT_DIR, 'pom.xml');
const SOURCE = join(PROJECT_DIR, 'src/main/java/dev/identitygraph/neo4jlocal/Neo4jLocal.java');
const TARGET = join(PROJECT_DIR, 'target');
const CLASSPATH_FILE = join(TARGET, 'classpath.txt');
const BUILD_LOG = join(TARGET, 'build.log');
const MAIN_CLASS = 'dev.identitygraph.neo4jlocal.Neo4jLocal';
const READY = /^NEO4J_LOCAL_READY (\S+)\s*$/m;
const LOG_TAIL_LINES = 20;
const MISSING_TOOLS_HINT =
  'Java 17+ and Maven are required for the local Neo4j; alternatively set NEO4J_URI to an existing Neo4j or use docker compose.';

/** Compiles the launcher when needed and returns the Java classpath to run it with. */
export async function buildLauncher(log?: (msg: string) => void): Promise<string> {
  if (await isStale()) {
    const mvn = findExecutable('mvn', 'Maven (mvn) was not found on PATH');
    findJava(); // fail before a slow build that could not run anyway
    log?.('building the local Neo4j launcher (first run downloads dependencies)');
    mkdirSync(TARGET, { recursive: true });
    const out = openSync(BUILD_LOG, 'w');
    try {
      const code = await new Promise<number | null>((done, fail) => {
        const args = ['-B', '-q', '-Dstyle.color=never', '-f', POM, 'package'];
        const child = spawn(mvn, args, { stdio: ['ignore', out, out] });
        child.once('error', fail);
        child.once('exit', (c) => done(c));
      });
      if (code !== 0) {
        throw new LocalNeo4jError(
          `Building neo4j-local failed (mvn exit ${String(code)}); see ${BUILD_LOG}:\n${await tail(BUILD_LOG)}`,
        );
      }
    } finally {
      closeSync(out);
    }
    // build-classpath leaves the file untouched when unchanged, which would look stale forever.
    const now = new Date();
    await utimes(CLASSPATH_FILE, now, now);
  }
  const deps = (await readFile(CLASSPATH_FILE, 'utf8')).trim();
  return [join(TARGET, 'classes'), deps].filter(Boolean).join(delimiter);
}

export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const { host, boltPort, dataDir, password, heap, pageCache, startTimeoutMs, log } = opts;
  if (password.length < 8) throw new LocalNeo4jError('The Neo4j password must have at least 8 characters');
  await assertPortFree(host, boltPort);
  const java = findJava();
  const classpath = await buildLauncher(log);

  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, 'launcher.log');
  const logOffset = await stat(logFile).then((s) => s.size, () => 0);
  appendFileSync(logFile, `--- ${new Date().toISOString()} starting Neo4j on ${host}:${boltPort}\n`);
  // stderr goes straight to the file so it is captured even while Node is busy or gone.
  const stderrFd = openSync(logFile, 'a');

  log?.(`starting Neo4j on ${host}:${boltPort} (data in ${dataDir})`);
  const startedAt = Date.now();
  let child: ChildProcess;
  try {
    child = spawn(
      java,
      [
        `-Xms${heap}`,
        `-Xmx${heap}`,
        '-XX:+UseG1GC',
        '-XX:+ExitOnOutOfMemoryError',
        '-XX:-OmitStackTraceInFastThrow',
        '-Djdk.nio.maxCachedBufferSize=1024', // stops idle NIO buffer caches from inflating RSS
        '--add-opens=java.base/java.nio=ALL-UNNAMED',
        '--add-opens=java.base/java.io=ALL-UNNAMED',
        '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
        '-Dio.netty.tryReflectionSetAccessible=true',
        '-Dlog4j2.disable.jmx=true',
        '-cp',
        classpath,
        MAIN_CLASS,
        '--home', dataDir,
        '--host', host,
        '--port', String(boltPort),
        '--pagecache', pageCache,
        '--timeout-seconds', String(Math.ceil(startTimeoutMs / 1000)),
        '--exit-when-stdin-closes',
      ],
      {
        cwd: dataDir,
        detached: true,
        stdio: ['pipe', 'pipe', stderrFd],
        env: { ...process.env, NEO4J_PASSWORD: password }, // env, not argv: argv is visible in ps
      },
    );
  } finally {
    closeSync(stderrFd);
  }

  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const spawnError = new Promise<Error>((done) => child.once('error', done));
  const logStream = createWriteStream(logFile, { flags: 'a' });
  const logClosed = new Promise<void>((done) => logStream.once('close', done));
  child.stdout!.on('data', (chunk: Buffer) => logStream.write(chunk));
  child.stdout!.once('close', () => logStream.end());

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = 30_000): Promise<void> =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      }
      child.stdin?.destroy();
      if (child.pid !== undefined) await logClosed;
    })());

  const uri = await new Promise<string>((ready, fail) => {
    let seen = '';
    let timer: NodeJS.Timeout | undefined;
    const settle = (action: () => void) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      action();
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = READY.exec(seen);
      if (match) settle(() => ready(match[1]!));
    };
    timer = setTimeout(
      () => settle(() => fail(new Error(`Neo4j did not become ready within ${startTimeoutMs} ms`))),
      startTimeoutMs,
    );
    child.stdout!.on('data', onData);
    void exited.then((code) => settle(() => fail(new Error(`the launcher exited early (code ${String(code)})`))));
    void spawnError.then((e) => settle(() => fail(new Error(`could not run ${java}: ${e.message}`))));
  }).catch(async (e: unknown) => {
    await stop(5_000);
    const reason = e instanceof Error ? e.message : String(e);
    throw new LocalNeo4jError(
      `Local Neo4j failed to start: ${reason}. Last lines of ${logFile}:\n${await tail(logFile, logOffset)}`,
    );
  });

  log?.(`Neo4j ready at ${uri} in ${Date.now() - startedAt} ms (pid ${String(child.pid)})`);
  void exited.then((code) => {
    if (!stopping) log?.(`Neo4j exited unexpectedly (code ${String(code)}); see ${logFile}`);
  });
  return { uri, user: 'neo4j', password, pid: child.pid!, exited, stop };
}

async function isStale(): Promise<boolean> {
  const mtime = (path: string) => stat(path).then((s) => s.mtimeMs, () => undefined);
  const [built, pom, source, cls] = await Promise.all([
    mtime(CLASSPATH_FILE),
    mtime(POM),
    mtime(SOURCE),
    mtime(join(TARGET, 'classes/dev/identitygraph/neo4jlocal/Neo4jLocal.class')),
  ]);
  return built === undefined || cls === undefined || built < (pom ?? 0) || built < (source ?? 0);
}

function findJava(): string {
  const home = process.env.JAVA_HOME;
  if (home) {
    const java = join(home, 'bin', 'java');
    if (isExecutable(java)) return java;
    throw new LocalNeo4jError(`JAVA_HOME is set but ${java} is not executable. ${MISSING_TOOLS_HINT}`);
  }
  return findExecutable('java', 'Java was not found (JAVA_HOME unset, no java on PATH)');
}

function findExecutable(name: string, missing: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir || '.', name);
    if (isExecutable(candidate)) return candidate;
  }
  throw new LocalNeo4jError(`${missing}. ${MISSING_TOOLS_HINT}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        new LocalNeo4jError(
          e.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use (another Neo4j?); stop it or set NEO4J_LOCAL_BOLT_PORT`
            : `Cannot listen on ${host}:${port} for Neo4j: ${e.message}`,
        ),
      ),
    );
    server.listen({ host, port, exclusive: true }, () => server.close(() => done()));
  });
}

/** Last lines of a log file, reading only what was written after `from`. */
async function tail(path: string, from = 0): Promise<string> {
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const start = Math.max(from, size - 64 * 1024);
      const buf = Buffer.alloc(size - start);
      await file.read(buf, 0, buf.length, start);
      return buf.toString('utf8').trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n');
    } finally {
      await file.close();
    }
  } catch {
    return '(no log)';
  }
}
