import { createServer, Server, Socket } from 'node:net';

/**
 * A loopback TCP proxy between the services and a server (RabbitMQ, PostgreSQL): `cut()` drops
 * every connection and refuses new ones until `restore()`, as a restarting server or a broken
 * link does; `delayMs` holds every chunk back in both directions, as a slow network does.
 * Given several target ports it is a round-robin balancer that skips a target refusing
 * connections, as a load balancer in front of replicas does.
 */
export class TcpProxy {
  delayMs = 0;
  private readonly sockets = new Set<Socket>();
  private linkUp = true;
  private nextTarget = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly targetPorts: number[],
    private readonly targetHost: string,
  ) {}

  static async start(targetPorts: number | number[], targetHost = '127.0.0.1'): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const proxy = new TcpProxy(server, port, [targetPorts].flat(), targetHost);
    server.on('connection', (client) => proxy.accept(client));
    return proxy;
  }

  /** The proxy's own HTTP address. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
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

  private accept(client: Socket): void {
    if (!this.linkUp) {
      client.destroy();
      return;
    }
    client.on('error', () => undefined);
    this.connectUpstream(client, this.targetPorts.length);
  }

  /** Reads nothing from the client until a target took the connection, so a refusal loses no byte. */
  private connectUpstream(client: Socket, attemptsLeft: number): void {
    const targetPort = this.targetPorts[this.nextTarget++ % this.targetPorts.length];
    const upstream = new Socket();
    upstream.once('error', () => {
      upstream.destroy();
      if (attemptsLeft > 1) {
        this.connectUpstream(client, attemptsLeft - 1);
      } else {
        client.destroy();
      }
    });
    upstream.connect(targetPort, this.targetHost, () => {
      upstream.removeAllListeners('error');
      this.link(client, upstream);
    });
  }

  private link(client: Socket, upstream: Socket): void {
    if (!this.linkUp || client.destroyed) {
      client.destroy();
      upstream.destroy();
      return;
    }
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
