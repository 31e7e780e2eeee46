import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the test Neo4j, to take Neo4j away from a process under test
 * and give it back, with no change to the driver: `refuse()` is a stopped Neo4j
 * (connections refused), `hang()` a Neo4j that accepts connections and never answers.
 * Either drops the connections already open, as a dying server does.
 */
export type Neo4jProxy = {
  /** bolt:// (direct, so a routing table cannot lead the driver around the proxy). */
  uri: string;
  forward(): Promise<void>;
  refuse(): Promise<void>;
  hang(): Promise<void>;
  close(): Promise<void>;
};

export async function startNeo4jProxy(targetUri: string): Promise<Neo4jProxy> {
  const target = new URL(targetUri);
  const targetPort = Number(target.port || 7687);
  const sockets = new Set<Socket>();
  let mode: 'forward' | 'hang' = 'forward';
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (mode === 'hang') return;
    const upstream = connect(targetPort, target.hostname);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const dropAll = () => {
    for (const socket of sockets) socket.destroy();
  };
  await listen(0);
  const port = (server.address() as { port: number }).port;

  return {
    uri: `bolt://127.0.0.1:${port}`,
    async forward() {
      dropAll(); // connections a hung Neo4j left unanswered
      mode = 'forward';
      if (!server.listening) await listen(port);
    },
    async refuse() {
      const closed = stopListening();
      dropAll();
      await closed;
    },
    async hang() {
      mode = 'hang';
      dropAll();
      if (!server.listening) await listen(port);
    },
    async close() {
      const closed = stopListening();
      dropAll();
      await closed;
    },
  };
}
