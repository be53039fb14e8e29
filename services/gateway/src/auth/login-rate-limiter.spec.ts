import { DomainError, ErrorCode } from '@helpdesk/contracts';

import { LoginRateLimiter } from './login-rate-limiter';

describe(LoginRateLimiter.name, () => {
  it('allows the configured number of attempts per minute, then refuses with a retry time', () => {
    const limiter = new LoginRateLimiter(3);
    const start = 1_000_000;
    for (let i = 0; i < 3; i++) {
      limiter.check('10.0.0.1', start + i);
    }
    try {
      limiter.check('10.0.0.1', start + 10);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).code).toBe(ErrorCode.TooManyAttempts);
      expect((error as DomainError).details).toEqual({ retryAfterSeconds: 60 });
    }
  });

  it('counts each address on its own and forgets attempts older than a minute', () => {
    const limiter = new LoginRateLimiter(1);
    limiter.check('10.0.0.1', 0);
    expect(() => limiter.check('10.0.0.2', 1)).not.toThrow();
    expect(() => limiter.check('10.0.0.1', 60_001)).not.toThrow();
  });
});
