import { collectDefaultMetrics, Counter, Gauge, Histogram, register, Registry } from 'prom-client';

/**
 * The one metrics registry of the process, served at `/metrics` on the health port. Metric names
 * follow Prometheus conventions (unit in the name, `_total` counters); label values come only from
 * bounded sets (route templates, RPC patterns, queue and event names, outcomes), never from ids
 * or addresses.
 */
export const metricsRegistry: Registry = register;

/** Latency buckets (seconds) for requests, RPCs and event handling. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The label of an HTTP route: its template (`/tickets/:id`), or `unmatched` for a 404 without one. */
export function routeLabel(routeTemplate: string | undefined): string {
  return routeTemplate && routeTemplate.startsWith('/') ? routeTemplate : 'unmatched';
}

/** The label of an RPC pattern or event name: itself when it is one the code knows, else `unknown`. */
export function knownNameLabel(name: unknown, known: ReadonlySet<string>): string {
  return typeof name === 'string' && known.has(name) ? name : 'unknown';
}

/** Process memory, CPU, event-loop lag and the like, labelled with the service's name. */
export function startProcessMetrics(service: string): void {
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metricsRegistry });
}

export const httpRequestDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'HTTP requests by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'],
  buckets: LATENCY_BUCKETS,
});

export const rpcServerDuration = new Histogram({
  name: 'helpdesk_rpc_server_duration_seconds',
  help: 'RPCs this service answered, by pattern and outcome (ok, error)',
  labelNames: ['pattern', 'outcome'],
  buckets: LATENCY_BUCKETS,
});

export const rpcClientDuration = new Histogram({
  name: 'helpdesk_rpc_client_duration_seconds',
  help: 'RPCs this service sent, by target queue, pattern and outcome (ok, error, timeout)',
  labelNames: ['queue', 'pattern', 'outcome'],
  buckets: LATENCY_BUCKETS,
});

export const rpcClientTimeouts = new Counter({
  name: 'helpdesk_rpc_client_timeouts_total',
  help: 'RPCs this service sent that got no answer in time, by target queue and pattern',
  labelNames: ['queue', 'pattern'],
});

export const eventsHandled = new Counter({
  name: 'helpdesk_events_handled_total',
  help: 'Events consumed, by queue, event and outcome (ok, retried, dead_lettered)',
  labelNames: ['queue', 'event', 'outcome'],
});

export const eventConsumerLag = new Histogram({
  name: 'helpdesk_event_consumer_lag_seconds',
  help: 'Time from an event occurring to its consumer starting on it, by queue',
  labelNames: ['queue'],
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
});

const brokerConnections = new Map<string, () => boolean>();

new Gauge({
  name: 'helpdesk_broker_connected',
  help: 'Whether each RabbitMQ connection of the service is up (1) or not (0)',
  labelNames: ['connection'],
  collect() {
    this.reset();
    for (const [connection, isConnected] of brokerConnections) {
      this.set({ connection }, isConnected() ? 1 : 0);
    }
  },
});

/** Reports a broker connection (named by its role, e.g. `events:notifications.ticket-events`) in `helpdesk_broker_connected`. */
export function trackBrokerConnection(connection: string, isConnected: () => boolean): void {
  brokerConnections.set(connection, isConnected);
}

const eventQueues = new Map<string, () => Promise<number>>();

new Gauge({
  name: 'helpdesk_event_queue_messages',
  help: 'Messages waiting in each event queue this service consumes (its backlog)',
  labelNames: ['queue'],
  async collect() {
    this.reset();
    await Promise.all(
      [...eventQueues].map(async ([queue, depth]) => {
        // A broker outage leaves the queue out of this scrape; helpdesk_broker_connected says why.
        const messages = await depth().catch(() => undefined);
        if (messages !== undefined) {
          this.set({ queue }, messages);
        }
      }),
    );
  },
});

/** Reports an event queue's depth in `helpdesk_event_queue_messages`. */
export function trackEventQueue(queue: string, depth: () => Promise<number>): void {
  eventQueues.set(queue, depth);
}
