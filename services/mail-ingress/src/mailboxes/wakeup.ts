/** A sleep that `signal` cuts short: a fetcher waits on it for new mail, its next poll, or its end. */
export class Wakeup {
  private pending = false;
  private resolve?: () => void;

  signal(): void {
    this.pending = true;
    this.resolve?.();
  }

  /** Resolves after `ms`, or at once when signalled since the last wait. */
  async wait(ms: number): Promise<void> {
    if (!this.pending) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.resolve = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.pending = false;
    this.resolve = undefined;
  }
}
