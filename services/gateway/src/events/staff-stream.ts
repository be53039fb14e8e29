import { Principal } from '@helpdesk/contracts';
import type { ServerResponse } from 'node:http';

import { EventStreamHub } from './event-stream-hub';
import { mayReceive, SSE_HEARTBEAT, SSE_RETRY, sseFrame, StreamEvent } from './stream-events';

export const HEARTBEAT_INTERVAL_MS = 15_000;
/** A browser that stops reading is cut off once this much waits for it; it reconnects and refetches. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * One staff member's open stream. With each heartbeat the principal is resolved again, so new
 * departments apply within one interval and a deactivated account's stream ends.
 */
export class StaffStream {
  private heartbeat?: NodeJS.Timeout;
  private unsubscribe?: () => void;

  constructor(
    private readonly response: ServerResponse,
    private principal: Principal,
    private readonly resolvePrincipal: () => Promise<Principal>,
  ) {}

  start(hub: EventStreamHub): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    this.response.write(SSE_RETRY);
    this.unsubscribe = hub.subscribe({ send: (event) => this.send(event), end: () => this.response.end() });
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.response.on('close', () => this.stop());
  }

  private send(event: StreamEvent): void {
    if (!mayReceive(this.principal, event)) {
      return;
    }
    if (this.response.writableLength > MAX_BUFFERED_BYTES) {
      this.response.end();
      return;
    }
    this.response.write(sseFrame(event));
  }

  private async beat(): Promise<void> {
    try {
      this.principal = await this.resolvePrincipal();
      this.response.write(SSE_HEARTBEAT);
    } catch {
      this.response.end();
    }
  }

  private stop(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe?.();
  }
}
