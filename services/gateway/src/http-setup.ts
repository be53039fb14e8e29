import { ArgumentMetadata, PipeTransform, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiProperty, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { httpRequestDuration, routeLabel, runWithCorrelationId } from '@helpdesk/config';
import { documentedFields, DomainError, ErrorCode } from '@helpdesk/contracts';
import { flattenValidationErrors } from '@helpdesk/messaging';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

const CORRELATION_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Accepts a caller's x-correlation-id when it is sane, otherwise makes one. */
export function correlationIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && CORRELATION_ID.test(value) ? value : randomUUID();
}

/**
 * Requests Node refuses before any route sees them (headers or URL past its size limit, bytes
 * that are not HTTP) still get the error envelope, with a status from the parser's error code.
 */
export function answerClientError(error: { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({
    statusCode: status,
    code: ErrorCode.ValidationFailed,
    message: status === 431 ? 'The URL or headers are too large.' : 'The request is not valid HTTP.',
    correlationId: randomUUID(),
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

/** U+0000, or half of a surrogate pair. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * PostgreSQL text cannot hold U+0000, and a lone surrogate is no character at all (the email
 * validator throws on one): a request carrying either anywhere is refused here, as a bad
 * request, instead of failing in a validator or a service's database as an internal error.
 */
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom' && containsUnstorable(value)) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `${metadata.type}: text must be well-formed Unicode without the NUL character (\\u0000)`,
      );
    }
    return value;
  }
}

function containsUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value);
  }
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth > 32) {
    return false;
  }
  return Object.entries(value).some(([key, item]) => UNSTORABLE.test(key) || containsUnstorable(item, depth + 1));
}

/** Prefix, validation, correlation ids and the OpenAPI document: the gateway's HTTP conventions. */
export function configureHttp(app: NestFastifyApplication): void {
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/live', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(
    new StorableTextPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const problems = flattenValidationErrors(errors);
        return new DomainError(ErrorCode.ValidationFailed, problems.join('; '), { problems });
      },
    }),
  );
  const fastify = app.getHttpAdapter().getInstance();
  // Uploads are left unread, to be streamed on to the attachments service (AttachmentsHttpController).
  fastify.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-correlation-id', String(request.id));
    runWithCorrelationId(String(request.id), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const labels = {
      method: request.method,
      route: routeLabel(request.routeOptions.url),
      status_code: reply.statusCode,
    };
    httpRequestDuration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
  for (const { target, key, options } of documentedFields()) {
    ApiProperty(options)(target, key);
  }
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('helpdesk API')
      .setDescription(
        'Tickets, departments, staff and clients. Errors: {statusCode, code, message, details?, correlationId}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
