import autocannon from 'autocannon';
import { Agent, request } from 'node:http';

import { Latency, medianRound, summarize } from './stats';

export interface LoadResult {
  /** 2xx answers per second. */
  perSecond: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** Of 2xx answers, in ms (autocannon's histogram: whole milliseconds). */
  latency: { p50: number; p99: number; mean: number };
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  requests: autocannon.Request[];
}

/** One autocannon run (bounded by time), as figures. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: options.requests,
    timeout: 30,
  });
  const ok = result['2xx'];
  return {
    perSecond: ok / result.duration,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    latency: { p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.mean },
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
    ),
  };
}

export interface RoundsResult {
  /** The median round by throughput. */
  median: LoadResult;
  rounds: LoadResult[];
  /** 2xx answers of the warm-up and every round: the work the CPU figures are divided by. */
  totalOk: number;
  /** CPU ms per 2xx answer of each process (services, PostgreSQL backends, the broker). */
  cpuMsPerRequest?: Record<string, number>;
}

/** A short warm-up, then `rounds` runs; the figures are those of the median round. */
export async function loadRounds(options: LoadOptions, rounds: number, warmupSeconds: number): Promise<RoundsResult> {
  let totalOk = 0;
  if (warmupSeconds > 0) {
    totalOk += (await runLoad({ ...options, durationSeconds: warmupSeconds })).ok;
  }
  const results: LoadResult[] = [];
  for (let index = 0; index < rounds; index++) {
    results.push(await runLoad(options));
    totalOk += results[results.length - 1].ok;
  }
  return { median: medianRound(results, (round) => round.perSecond), rounds: results, totalOk };
}

/**
 * Latency of one request at a time over one kept-alive connection (sub-millisecond, unlike
 * autocannon's histogram): what a single user waits, without queueing behind others.
 */
export class LatencySampler {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly baseUrl: string) {}

  /** One GET; resolves with its status, parsed body and time in ms. */
  get<T = unknown>(path: string, token?: string): Promise<{ status: number; body: T; ms: number }> {
    return new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = request(
        `${this.baseUrl}${path}`,
        { agent: this.agent, headers: token ? { authorization: `Bearer ${token}` } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              // keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: body as T, ms });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error(`GET ${path} timed out`)));
      req.end();
    });
  }

  /** `warmup` unmeasured, then `samples` measured GETs; every answer must be 200. */
  async measure(path: string, token: string | undefined, samples: number, warmup = 5): Promise<Latency> {
    const times: number[] = [];
    for (let index = 0; index < warmup + samples; index++) {
      const { status, body, ms } = await this.get(path, token);
      if (status !== 200) {
        throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
      if (index >= warmup) {
        times.push(ms);
      }
    }
    return summarize(times);
  }

  close(): void {
    this.agent.destroy();
  }
}
