import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@helpdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { HTTP_STATUS_BY_CODE } from './http-status-by-code';

export interface HttpErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
  correlationId: string;
}

const CODE_BY_HTTP_STATUS: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.ValidationFailed,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.Unauthenticated,
  [HttpStatus.FORBIDDEN]: ErrorCode.AccessDenied,
  [HttpStatus.NOT_FOUND]: ErrorCode.NotFound,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.TooManyAttempts,
};

/** The one place an error becomes an HTTP answer: `{statusCode, code, message, details?, correlationId}`. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toBody(error, String(request.id));
    const retryAfter = body.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') {
      void reply.header('retry-after', String(retryAfter));
    }
    void reply.status(body.statusCode).header('x-correlation-id', body.correlationId).send(body);
  }

  private toBody(error: unknown, correlationId: string): HttpErrorBody {
    if (error instanceof DomainError) {
      const statusCode = HTTP_STATUS_BY_CODE[error.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
      if (statusCode >= 500) {
        this.logger.warn(`${error.code}: ${error.message}`);
      }
      if (error.code === ErrorCode.Internal) {
        return {
          statusCode,
          code: error.code,
          message: 'Internal error; quote the correlation id when reporting it.',
          correlationId,
        };
      }
      return { statusCode, code: error.code, message: error.message, details: error.details, correlationId };
    }
    if (error instanceof HttpException) {
      const statusCode = error.getStatus();
      return {
        statusCode,
        code: CODE_BY_HTTP_STATUS[statusCode] ?? (statusCode >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed),
        message: httpExceptionMessage(error),
        correlationId,
      };
    }
    const statusCode = (error as { statusCode?: number })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      // Fastify's own errors: malformed JSON, body too large, unsupported content type.
      return { statusCode, code: ErrorCode.ValidationFailed, message: (error as Error).message, correlationId };
    }
    this.logger.error((error as Error)?.stack ?? String(error));
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: ErrorCode.Internal,
      message: 'Internal error; quote the correlation id when reporting it.',
      correlationId,
    };
  }
}

function httpExceptionMessage(error: HttpException): string {
  const response = error.getResponse() as { message?: string | string[] } | string;
  const message = typeof response === 'string' ? response : response.message;
  return Array.isArray(message) ? message.join('; ') : (message ?? error.message);
}
