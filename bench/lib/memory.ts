import { readFileSync } from 'node:fs';

/** RSS in MiB of a process, from /proc (undefined once it is gone). */
export function rssMiB(pid: number | undefined): number | undefined {
  if (!pid) {
    return undefined;
  }
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface ServiceMemory {
  idleMiB: number | null;
  peakMiB: number;
  /** The phase of the run during which the peak was seen. */
  peakDuring: string;
}

/** Samples each service's RSS a few times a second for the whole run. */
export class MemorySampler {
  private readonly peaks = new Map<string, { peak: number; during: string }>();
  private readonly idle = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private phase = 'start';

  constructor(private readonly pids: () => Map<string, number | undefined>) {}

  start(intervalMs = 200): void {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Names the current phase, so a peak says when it happened. */
  enter(phase: string): void {
    this.sample();
    this.phase = phase;
  }

  /** Records the RSS of every service now as its idle figure (the median of a few samples). */
  async recordIdle(samples = 5, intervalMs = 200): Promise<void> {
    const seen = new Map<string, number[]>();
    for (let index = 0; index < samples; index++) {
      for (const [service, pid] of this.pids()) {
        const rss = rssMiB(pid);
        if (rss !== undefined) {
          seen.set(service, [...(seen.get(service) ?? []), rss]);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    for (const [service, values] of seen) {
      values.sort((a, b) => a - b);
      this.idle.set(service, values[Math.floor(values.length / 2)]);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  report(): Record<string, ServiceMemory> {
    const services = new Set([...this.idle.keys(), ...this.peaks.keys()]);
    return Object.fromEntries(
      [...services].map((service) => [
        service,
        {
          idleMiB: this.idle.get(service) ?? null,
          peakMiB: this.peaks.get(service)?.peak ?? this.idle.get(service) ?? 0,
          peakDuring: this.peaks.get(service)?.during ?? 'idle',
        },
      ]),
    );
  }

  private sample(): void {
    for (const [service, pid] of this.pids()) {
      const rss = rssMiB(pid);
      const known = this.peaks.get(service);
      if (rss !== undefined && (!known || rss > known.peak)) {
        this.peaks.set(service, { peak: rss, during: this.phase });
      }
    }
  }
}
