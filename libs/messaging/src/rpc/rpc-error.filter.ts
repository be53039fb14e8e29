import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { currentCorrelationId } from '@helpdesk/config';
import { DomainError, ErrorCode, RpcErrorEnvelope } from '@helpdesk/contracts';
import { Observable, throwError } from 'rxjs';

/** Turns whatever a handler threw into the error envelope of `contracts`; logs it once, here. */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger(RpcErrorFilter.name);

  catch(error: unknown): Observable<RpcErrorEnvelope> {
    return throwError(() => this.toEnvelope(error));
  }

  private toEnvelope(error: unknown): RpcErrorEnvelope {
    const correlationId = currentCorrelationId();
    if (error instanceof DomainError) {
      this.logger.debug(`${error.code}: ${error.message}`);
      return { code: error.code, message: error.message, details: error.details, correlationId };
    }
    const outOfRange = outOfRangeMessage(error);
    if (outOfRange) {
      return { code: ErrorCode.ValidationFailed, message: outOfRange, correlationId };
    }
    if (isDatabaseUnreachable(error)) {
      this.logger.warn(`The database is unreachable: ${(error as Error).message}`);
      return {
        code: ErrorCode.ServiceUnavailable,
        message: 'The database is unreachable; try again shortly.',
        correlationId,
      };
    }
    this.logger.error((error as Error)?.stack ?? String(error));
    return { code: ErrorCode.Internal, message: 'Internal error', correlationId };
  }
}

/**
 * A number the validators let through (a positive whole number) that its column cannot hold,
 * such as an id of 3000000000: the caller's mistake, so a 400, not an internal error.
 */
function outOfRangeMessage(error: unknown): string | undefined {
  const driverError = (error as { driverError?: { code?: string; message?: string } })?.driverError;
  return driverError?.code === '22003' ? `A number in the request is out of range: ${driverError.message}.` : undefined;
}

const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
/** PostgreSQL's "connection exception" class, and the server shutting down or starting up. */
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123])$/;
const UNREACHABLE_POOL_MESSAGES = /Connection terminated|timeout exceeded when trying to connect/;
/**
 * TypeORM releases a transaction's connection when the server ends it (pg_terminate_backend, a
 * restart); a statement of the same transaction still in flight then fails with this instead.
 */
const RELEASED_MID_TRANSACTION = 'QueryRunnerProviderAlreadyReleasedError';

/** A restarted or unreachable database: the request may succeed when retried, so 503, not 500. */
function isDatabaseUnreachable(error: unknown): boolean {
  const { code, message, name, driverError } = (error ?? {}) as {
    code?: string;
    message?: string;
    name?: string;
    driverError?: unknown;
  };
  const driverCode = (driverError as { code?: string } | undefined)?.code;
  return (
    name === RELEASED_MID_TRANSACTION ||
    [code, driverCode].some(
      (candidate) =>
        candidate !== undefined && (UNREACHABLE_SOCKET_CODES.has(candidate) || UNREACHABLE_SQLSTATE.test(candidate)),
    ) ||
    UNREACHABLE_POOL_MESSAGES.test(message ?? '')
  );
}
