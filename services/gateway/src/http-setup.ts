import { ArgumentMetadata, PipeTransform, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiProperty, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { httpRequestDuration, routeLabel, runWithCorrelationId } from '@helpdesk/config';
import { documentedFields, DomainError, ErrorCode } from '@helpdesk/contracts';
import { flattenValidationErrors } from '@helpdesk/messaging';
import { randomUUID } from 'node:crypto';

const CORRELATION_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Accepts a caller's x-correlation-id when it is sane, otherwise makes one. */
export function correlationIdOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && CORRELATION_ID.test(value) ? value : randomUUID();
}

/**
 * PostgreSQL text cannot hold U+0000: a request carrying it anywhere is refused here, as a bad
 * request, instead of failing in a service's database as an internal error.
 */
export class NoNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'custom' && containsNul(value)) {
      throw new DomainError(
        ErrorCode.ValidationFailed,
        `${metadata.type}: text must not contain the NUL character (\\u0000)`,
      );
    }
    return value;
  }
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') {
    return value.includes('\u0000');
  }
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || depth > 32) {
    return false;
  }
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
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
    new NoNulCharactersPipe(),
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
