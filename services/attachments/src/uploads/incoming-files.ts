import { ATTACHMENT_FILENAME_HEADER, DomainError, ErrorCode } from '@helpdesk/contracts';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/** One file of an upload, as it streams in. */
export interface IncomingFile {
  filename: string;
  /** What the uploader claimed; checked against the bytes, never stored. */
  declaredType?: string;
  stream: Readable;
}

const FILE_FIELD = 'file';

/**
 * The files of an upload request: the parts named `file` of a multipart/form-data body, or the
 * raw body as one file named by the `x-attachment-filename` header (mail-ingress's way).
 * Files come one at a time: the next is parsed only once the previous one was read.
 */
export function incomingFiles(request: IncomingMessage): AsyncIterable<IncomingFile> {
  if (/^multipart\/form-data/i.test(request.headers['content-type'] ?? '')) {
    return multipartFiles(request);
  }
  const header = request.headers[ATTACHMENT_FILENAME_HEADER];
  const filename = decodeFilenameHeader(typeof header === 'string' ? header : undefined);
  return (async function* () {
    yield { filename, declaredType: request.headers['content-type'], stream: request };
  })();
}

function decodeFilenameHeader(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
}

async function* multipartFiles(request: IncomingMessage): AsyncGenerator<IncomingFile> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      defParamCharset: 'utf8',
      limits: { fields: 50, fieldSize: 64 * 1024, parts: 100 },
    });
  } catch (error) {
    throw invalid(`Malformed multipart/form-data: ${(error as Error).message}`);
  }
  const files: IncomingFile[] = [];
  let finished = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  parser.on('file', (field, stream, info) => {
    if (field !== FILE_FIELD) {
      stream.resume();
      failure ??= invalid(`Send files as parts named "${FILE_FIELD}" (got "${field}").`);
    } else {
      files.push({ filename: info.filename ?? '', declaredType: info.mimeType, stream });
    }
    notify();
  });
  parser.on('field', () => undefined);
  parser.on('close', () => {
    finished = true;
    notify();
  });
  parser.on('error', (error: Error) => {
    failure ??= invalid(`Malformed multipart/form-data: ${error.message}`);
    notify();
  });
  parser.on('partsLimit', () => {
    failure ??= invalid('Too many parts in one upload.');
    notify();
  });
  request.on('close', () => {
    if (!request.complete) {
      // The file being read fails too, so nothing waits for bytes that will never come.
      failure ??= new Error('The upload was aborted by the sender.');
      parser.destroy(failure);
      notify();
    }
  });
  request.pipe(parser);
  try {
    for (;;) {
      const file = files.shift();
      if (file) {
        yield file;
        continue;
      }
      if (failure) {
        throw failure;
      }
      if (finished) {
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    request.unpipe(parser);
  }
}

function invalid(message: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, message);
}
