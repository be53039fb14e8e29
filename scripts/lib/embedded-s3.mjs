// The S3 endpoint of `npm start` when S3_ENDPOINT is not set: s3rver (a real S3-protocol server,
// MinIO itself is not installable everywhere) on 127.0.0.1, keeping its files under .data/s3.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { join } from 'node:path';

import { root } from './node-runtime.mjs';

const PORT = 4569;
const CREDENTIALS = { accessKey: 'S3RVER', secretKey: 'S3RVER' };

/** Starts it (or finds the one a previous run left listening) and sets the S3_* variables in `env`. */
export async function startEmbeddedS3(env) {
  const directory = join(root, '.data', 's3');
  let note = `s3rver, files in ${directory}`;
  if (await listening(PORT)) {
    note = 'already running';
  } else {
    mkdirSync(directory, { recursive: true });
    const S3rver = createRequire(import.meta.url)('s3rver');
    await new S3rver({ address: '127.0.0.1', port: PORT, silent: true, directory }).run();
  }
  env.S3_ENDPOINT = `http://127.0.0.1:${PORT}`;
  env.S3_ACCESS_KEY = CREDENTIALS.accessKey;
  env.S3_SECRET_KEY = CREDENTIALS.secretKey;
  return { endpoint: env.S3_ENDPOINT, note };
}

function listening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
