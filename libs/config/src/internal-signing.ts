import { str } from 'envalid';

import { loadEnv } from './env';

export const DEVELOPMENT_INTERNAL_SIGNING_KEY = 'development-only-internal-signing-key-change-me';

/** The key every service signs its RPCs with and verifies the RPCs it receives against. */
export const internalSigningEnv = {
  INTERNAL_SIGNING_KEY: str({
    default: DEVELOPMENT_INTERNAL_SIGNING_KEY,
    desc: 'HMAC key of RPCs between services; the same in every service, required in production',
  }),
};

let cachedKey: string | undefined;

/**
 * Read here rather than passed in by each service, so that every service signs and verifies
 * with the same variable and no caller can forget to wire it.
 */
export function internalSigningKey(): string {
  if (cachedKey === undefined) {
    const { NODE_ENV, INTERNAL_SIGNING_KEY } = loadEnv('rpc', {
      NODE_ENV: str({ default: 'production' }),
      ...internalSigningEnv,
    });
    if (
      NODE_ENV !== 'development' &&
      (INTERNAL_SIGNING_KEY === DEVELOPMENT_INTERNAL_SIGNING_KEY || INTERNAL_SIGNING_KEY.length < 32)
    ) {
      process.stderr.write(
        'invalid environment variable INTERNAL_SIGNING_KEY: set a random secret of at least 32 characters (development values need NODE_ENV=development)\n',
      );
      process.exit(78);
    }
    cachedKey = INTERNAL_SIGNING_KEY;
  }
  return cachedKey;
}
