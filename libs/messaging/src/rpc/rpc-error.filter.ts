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
    this.logger.error((error as Error)?.stack ?? String(error));
    return { code: ErrorCode.Internal, message: 'Internal error', correlationId };
  }
}

