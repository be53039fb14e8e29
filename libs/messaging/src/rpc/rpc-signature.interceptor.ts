import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { RmqContext } from '@nestjs/microservices';
import { internalSigningKey } from '@helpdesk/config';
import { DomainError, ErrorCode } from '@helpdesk/contracts';
import { Observable, throwError } from 'rxjs';

import { CORRELATION_HEADER } from './rpc-queue';
import { EXPIRES_HEADER, SIGNATURE_HEADER, SignatureVerdict, verifyRpc } from './rpc-signature';

const REFUSALS: Record<Exclude<SignatureVerdict, 'valid'>, string> = {
  unsigned: 'The request is not signed by a service of this system',
  expired: 'The request was signed too long ago',
  tampered: 'The request does not match its signature',
};

/**
 * Refuses every RPC not signed with the internal key, before any pipe or handler sees it: the
 * principal in a payload is only as trustworthy as whoever could publish the message.
 */
@Injectable()
export class RpcSignatureInterceptor implements NestInterceptor {
  private readonly key = internalSigningKey();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') {
      return next.handle();
    }
    const rpc = context.switchToRpc();
    const rmq = rpc.getContext<RmqContext>();
    const headers =
      (rmq.getMessage() as { properties: { headers?: Record<string, unknown> } }).properties.headers ?? {};
    const correlationId = headers[CORRELATION_HEADER];
    const verdict = verifyRpc(
      this.key,
      {
        pattern: rmq.getPattern(),
        correlationId: typeof correlationId === 'string' ? correlationId : '',
        payload: rpc.getData(),
        expiresAt: Number(headers[EXPIRES_HEADER]),
      },
      headers[SIGNATURE_HEADER],
    );
    if (verdict !== 'valid') {
      return throwError(() => new DomainError(ErrorCode.Unauthenticated, REFUSALS[verdict], { reason: verdict }));
    }
    return next.handle();
  }
}
