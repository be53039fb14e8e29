import '@helpdesk/config/source-maps';

import { parentPort } from 'node:worker_threads';

import { readMailContent } from './mail-content';
import type { ContentReply } from './content-pool';
import { MalformedMailError } from './parse-mail';

// One message at a time, as ContentWorkerPool hands them out: the raw bytes in, the content out.
parentPort?.on('message', (raw: Uint8Array) => {
  void readMailContent(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)).then(
    (content) => parentPort?.postMessage({ ok: true, content } satisfies ContentReply),
    (error: Error) =>
      parentPort?.postMessage({
        ok: false,
        malformed: error instanceof MalformedMailError,
        message: error.message || String(error),
      } satisfies ContentReply),
  );
});
