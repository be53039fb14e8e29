import { commonEnv, healthEnv, loadEnv, positiveInt, requireProductionSecrets } from '@helpdesk/config';
import { makeValidator, port, str, url } from 'envalid';

export const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-change-me';

const proxyHops = makeValidator<number>((input) => {
  const value = Number(input);
  if (!Number.isInteger(value) || value < 0 || value > 10) {
    throw new Error(`"${input}" is not a number of proxy hops (0 to 10)`);
  }
  return value;
});

const loaded = loadEnv('gateway', {
  ...commonEnv,
  ...healthEnv,
  HTTP_PORT: port({ default: 3000 }),
  HTTP_HOST: str({ default: '0.0.0.0' }),
  JWT_SECRET: str({ default: DEVELOPMENT_JWT_SECRET, desc: 'signs access tokens; required in production' }),
  JWT_EXPIRES_IN: str({ default: '12h' }),
  LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt({ default: 20 }),
  TRUST_PROXY_HOPS: proxyHops({
    default: 0,
    desc: 'proxies in front of the gateway that append to X-Forwarded-For; 0: use the connection address',
  }),
  HTTP_BODY_LIMIT_BYTES: positiveInt({ default: 1_048_576 }),
  WEB_DIST_DIR: str({ default: '', desc: 'the built web app to serve; empty: dist/web beside the compiled services' }),
  ATTACHMENTS_URL: url({
    default: 'http://127.0.0.1:3100',
    desc: "the attachments service's internal HTTP port (file bytes)",
  }),
  MAIL_INGRESS_URL: url({
    default: 'http://127.0.0.1:3200',
    desc: "mail-ingress's internal HTTP port (raw inbound messages)",
  }),
  READINESS_SERVICES: str({
    default: 'access,tickets',
    desc: 'comma-separated services whose ping /health requires; others may be down without taking the API down',
  }),
});

requireProductionSecrets('gateway', loaded, { JWT_SECRET: DEVELOPMENT_JWT_SECRET });

export const env = loaded;
export type GatewayEnv = typeof env;
