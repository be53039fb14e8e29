import { DomainError, ErrorCode, isRpcErrorEnvelope } from '@helpdesk/contracts';

/** An RPC that failed: the called service's own error, or the reason no answer came. */
export class UpstreamError extends DomainError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.name = 'UpstreamError';
  }

  static from(error: unknown, queue: string, brokerConnected: boolean): UpstreamError {
    if (isRpcErrorEnvelope(error)) {
      return new UpstreamError(error.code, error.message, error.details);
    }
    // While the broker is away the client fails fast (Nest rejects with a bare string), or times out.
    if (!brokerConnected) {
      return new UpstreamError(ErrorCode.ServiceUnavailable, 'The message broker is unreachable; try again shortly.');
    }
    if ((error as Error)?.name === 'TimeoutError') {
      return new UpstreamError(
        ErrorCode.ServiceTimeout,
        `The ${queue} service did not answer in time; try again shortly.`,
      );
    }
    return new UpstreamError(ErrorCode.BadUpstreamReply, `The ${queue} service gave an unexpected reply.`);
  }
}
