import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@helpdesk/contracts';

const WINDOW_MS = 60_000;

/**
 * Per client address, per gateway replica: a cheap first line against password guessing. The
 * access service also locks an account after repeated failures, whichever replica they hit.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  check(address: string, now = Date.now()): void {
    const recent = (this.attempts.get(address) ?? []).filter((at) => now - at < WINDOW_MS);
    if (recent.length >= this.perMinute) {
      const retryAfterSeconds = Math.ceil((WINDOW_MS - (now - recent[0])) / 1000);
      throw new DomainError(
        ErrorCode.TooManyAttempts,
        `Too many sign-in attempts; try again in ${retryAfterSeconds} s.`,
        {
          retryAfterSeconds,
        },
      );
    }
    recent.push(now);
    this.attempts.set(address, recent);
    if (this.attempts.size > 10_000) {
      this.forgetIdle(now);
    }
  }

  private forgetIdle(now: number): void {
    for (const [address, times] of this.attempts) {
      if (times.every((at) => now - at >= WINDOW_MS)) {
        this.attempts.delete(address);
      }
    }
  }
}
