import { createServer, Server, Socket } from 'node:net';

/**
 * A loopback TCP proxy between the services and a server (RabbitMQ, PostgreSQL): `cut()` drops
 * every connection and refuses new ones until `restore()`, as a restarting server or a broken
 * link does; `delayMs` holds every chunk back in both directions, as a slow network does.
 */
export class TcpProxy {
  delayMs = 0;
  private readonly sockets = new Set<Socket>();
  private linkUp = true;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const proxy = new TcpProxy(server, typeof address === 'object' && address ? address.port : 0);
    server.on('connection', (client) => proxy.accept(client, targetHost, targetPort));
    return proxy;
  }

  /** `url` with its host and port replaced by this proxy's. */
  route(url: string): string {
    const routed = new URL(url);
    routed.hostname = '127.0.0.1';
    routed.port = String(this.port);
    return routed.toString();
  }

  cut(): void {
    this.linkUp = false;
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.sockets.clear();
  }

  restore(): void {
    this.linkUp = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, targetHost: string, targetPort: number): void {
    if (!this.linkUp) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    this.forward(client, upstream);
    this.forward(upstream, client);
    upstream.connect(targetPort, targetHost);
  }

  private forward(from: Socket, to: Socket): void {
    const queue: { chunk: Buffer; releaseAt: number }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const drain = () => {
      timer = undefined;
      while (queue.length > 0 && queue[0].releaseAt <= Date.now()) {
        to.write(queue.shift()!.chunk);
      }
      if (queue.length > 0) {
        timer = setTimeout(drain, queue[0].releaseAt - Date.now());
      }
    };
    from.on('data', (chunk: Buffer) => {
      // Queued, not one timer per chunk: a delay that changes mid-stream must not reorder it.
      queue.push({ chunk, releaseAt: Date.now() + this.delayMs });
      if (!timer) {
        drain();
      }
    });
    from.on('close', () => clearTimeout(timer));
  }
}
