import { lockoutAfterFailure } from './login-throttle';

describe(lockoutAfterFailure.name, () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [50, 15 * 60_000],
  ])('after %i failures in a row locks for %i ms', (failures, lockMs) => {
    expect(lockoutAfterFailure(failures, 5)).toBe(lockMs);
  });
});
