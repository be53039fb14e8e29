import { Inject, Injectable } from '@nestjs/common';
import http, { IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

import { resolveTarget } from './address-policy';

export const WEBHOOK_SENDER_OPTIONS = Symbol('WEBHOOK_SENDER_OPTIONS');
export interface WebhookSenderOptions {
  timeoutMs: number;
  allowHttp: boolean;
  allowPrivate: boolean;
}

/** What the delivery log keeps of an answer's body. */
export const RESPONSE_BODY_KEPT_BYTES = 4096;

export interface SendResult {
  /** null when no answer came (refused, timed out, forbidden address). */
  responseCode: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs one webhook request. The host is resolved and checked on every attempt and the
 * connection goes to the checked address (a DNS answer that changed to a private address since
 * the webhook was saved is refused); redirects are not followed; only the first 4 KB of the
 * answer are read; the whole exchange is bounded by the timeout.
 */
@Injectable()
export class WebhookSender {
  constructor(@Inject(WEBHOOK_SENDER_OPTIONS) private readonly options: WebhookSenderOptions) {}

  async send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const target = new URL(url);
    if (target.protocol !== 'https:' && !this.options.allowHttp) {
      return { responseCode: null, responseBody: null, error: 'only https URLs are allowed', durationMs: elapsed() };
    }
    const check = await resolveTarget(target, this.options.allowPrivate);
    if (!check.ok) {
      return { responseCode: null, responseBody: null, error: `refused: ${check.reason}`, durationMs: elapsed() };
    }
    const pinned: LookupFunction = (_host, options, callback) => {
      const { address, family } = check.target;
      if ((options as { all?: boolean }).all) {
        (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
          { address, family },
        ]);
      } else {
        callback(null, address, family);
      }
    };
    const deadline = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const response = await this.post(target, headers, body, pinned, deadline);
      return { ...response, error: null, durationMs: elapsed() };
    } catch (error) {
      const reason = deadline.aborted ? `timed out after ${this.options.timeoutMs} ms` : describe(error);
      return { responseCode: null, responseBody: null, error: reason, durationMs: elapsed() };
    }
  }

  private post(
    target: URL,
    headers: Record<string, string>,
    body: string,
    lookup: LookupFunction,
    signal: AbortSignal,
  ): Promise<{ responseCode: number; responseBody: string }> {
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        agent: false,
        signal,
      });
      request.once('error', reject);
      request.once('response', (response) => {
        readBounded(response).then(
          (responseBody) => resolve({ responseCode: response.statusCode ?? 0, responseBody }),
          reject,
        );
      });
      request.end(body);
    });
  }
}

/** The start of the body; the rest is not read (the connection is dropped instead). */
function readBounded(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => resolve(Buffer.concat(chunks).subarray(0, RESPONSE_BODY_KEPT_BYTES).toString('utf8'));
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= RESPONSE_BODY_KEPT_BYTES) {
        response.destroy();
        finish();
      }
    });
    response.once('end', finish);
    response.once('error', reject);
  });
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  return code ? `${code}: ${(error as Error).message}` : String((error as Error).message ?? error);
}
