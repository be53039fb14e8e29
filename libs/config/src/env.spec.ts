import { weakProductionSecrets } from './env';

describe(weakProductionSecrets.name, () => {
  const defaults = { JWT_SECRET: 'development-only-jwt-secret-change-me' };
  const strong = 'k3'.repeat(16);

  it.each([
    ['the development default in production', 'production', defaults.JWT_SECRET, ['JWT_SECRET']],
    ['a short secret in production', 'production', 'short', ['JWT_SECRET']],
    ['a secret of 32 characters in production', 'production', strong, []],
    ['the development default in development', 'development', defaults.JWT_SECRET, []],
    ['the development default in any other mode', 'test', defaults.JWT_SECRET, ['JWT_SECRET']],
    ['a strong secret in any other mode', 'staging', strong, []],
  ])('%s', (_, nodeEnv, secret, expected) => {
    expect(weakProductionSecrets({ NODE_ENV: nodeEnv, JWT_SECRET: secret }, defaults)).toEqual(expected);
  });
});
