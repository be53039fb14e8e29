import { CleanedEnv, cleanEnv, makeValidator, port, str, url } from 'envalid';

import { LOG_LEVELS } from './logger';

/** A duration such as `7` (in `defaultUnit`), `7d`, `36h`, `15m`, `5s` or `250ms`, in milliseconds. */
export function parseDuration(value: string, defaultUnit: 'd' | 'h' | 'm' | 's' = 'd'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|d|h|m|s)?\s*$/i.exec(value);
  if (!match) {
    throw new Error(`"${value}" is not a duration (use e.g. 7d, 36h, 15m, 5s)`);
  }
  const unit = (match[2] ?? defaultUnit).toLowerCase();
  const ms = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] as number;
  return Math.round(Number(match[1]) * ms);
}

export const duration = (defaultUnit: 'd' | 'h' | 'm' | 's' = 'd') =>
  makeValidator<number>((input) => parseDuration(String(input), defaultUnit));

export const positiveInt = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`"${input}" is not a positive whole number`);
  }
  return value;
});

/** The variables every service reads. */
export const commonEnv = {
  // Development secrets and defaults only when this says `development`: unset means production.
  NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'production' }),
  LOG_LEVEL: str({ choices: LOG_LEVELS, default: 'info' }),
  RABBITMQ_URL: url({ default: 'amqp://guest:guest@127.0.0.1:5672' }),
  RPC_TIMEOUT_MS: positiveInt({ default: 5_000 }),
  RABBITMQ_QUEUE_TYPE: str({
    choices: ['classic', 'quorum'],
    default: 'classic',
    desc: 'quorum: service and event queues survive the loss of a cluster node (declared so on first use)',
  }),
};

export const databaseEnv = {
  DATABASE_URL: url({ default: 'postgres://postgres@127.0.0.1:5432/helpdesk' }),
  DATABASE_POOL_SIZE: positiveInt({ default: 10 }),
};

export const healthEnv = {
  HEALTH_PORT: port({ default: 0, desc: 'liveness/readiness port of a service without HTTP; 0 = none' }),
};

/** The S3 endpoint (MinIO in docker-compose, an embedded s3rver under `npm start` and in tests). */
export const s3Env = {
  S3_ENDPOINT: url({ default: 'http://127.0.0.1:9000', desc: 'http(s)://host:port of the S3 API' }),
  S3_ACCESS_KEY: str({ default: 'S3RVER' }),
  S3_SECRET_KEY: str({ default: 'S3RVER' }),
  S3_REGION: str({ default: 'us-east-1' }),
};

/**
 * Validates `process.env` against `spec`; on a bad or missing value it prints one line per
 * problem, naming the variable, and exits, so a misconfigured service never half-starts.
 */
export function loadEnv<S>(service: string, spec: S): CleanedEnv<S> {
  return cleanEnv(process.env, spec, {
    reporter: ({ errors }) => {
      const problems = Object.entries(errors);
      if (problems.length === 0) {
        return;
      }
      for (const [name, error] of problems) {
        process.stderr.write(`${service}: invalid environment variable ${name}: ${(error as Error).message}\n`);
      }
      process.exit(78);
    },
  });
}

/** Secrets outside development must be set, and long enough that guessing them is hopeless. */
const MIN_PRODUCTION_SECRET_LENGTH = 32;

/**
 * The variables among `developmentDefaults` (name → the default that makes development work
 * out of the box) still on that default, or too short, in any mode but an explicit NODE_ENV=development.
 */
export function weakProductionSecrets(
  env: Record<string, unknown> & { NODE_ENV: string },
  developmentDefaults: Record<string, string>,
): string[] {
  if (env.NODE_ENV === 'development') {
    return [];
  }
  return Object.entries(developmentDefaults)
    .filter(([name, developmentDefault]) => {
      const value = String(env[name]);
      return value === developmentDefault || value.length < MIN_PRODUCTION_SECRET_LENGTH;
    })
    .map(([name]) => name);
}

/** Stops a service outside development that would sign with a development secret, as loadEnv stops a bad value. */
export function requireProductionSecrets(
  service: string,
  env: Record<string, unknown> & { NODE_ENV: string },
  developmentDefaults: Record<string, string>,
): void {
  const weak = weakProductionSecrets(env, developmentDefaults);
  for (const name of weak) {
    process.stderr.write(
      `${service}: invalid environment variable ${name}: set a random secret of at least ${MIN_PRODUCTION_SECRET_LENGTH} characters (development values need NODE_ENV=development)\n`,
    );
  }
  if (weak.length > 0) {
    process.exit(78);
  }
}
