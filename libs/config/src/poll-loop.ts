import { Logger } from '@nestjs/common';

export interface PollLoopOptions {
  /** Names the loop in logs, e.g. `Outbox relay`. */
  name: string;
  pollIntervalMs: number;
  /** One pass over what is due; a failure is logged and the pass tried again next interval. */
  pass: () => Promise<unknown>;
}

/**
 * Runs a pass every poll interval, and right away on `poke` (after a write that queued work).
 * Passes never overlap: a poke during a pass runs one more pass as soon as it ends. The relays
 * of the transactional outbox and of notifications' mails run on it.
 */
export class PollLoop {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private pokeRequested = false;

  constructor(private readonly options: PollLoopOptions) {
    this.logger = new Logger(options.name);
  }

  /** True once `stop` was called: a pass working through batches should end early. */
  get stopping(): boolean {
    return this.stopped;
  }

  start(): void {
    this.schedule(0);
  }

  poke(): void {
    if (this.running) {
      this.pokeRequested = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops scheduling and waits for the pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) {
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (this.running) {
      return;
    }
    this.running = this.options
      .pass()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`${this.options.name} pass failed, will retry: ${error.message}`))
      .finally(() => {
        this.running = undefined;
        const again = this.pokeRequested;
        this.pokeRequested = false;
        this.schedule(again ? 0 : this.options.pollIntervalMs);
      });
    await this.running;
  }
}
