import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { RmqContext } from '@nestjs/microservices';
import { runWithCorrelationId } from '@helpdesk/config';
import type { Channel, Message } from 'amqplib';
import { Observable } from 'rxjs';

import { CORRELATION_HEADER } from './rpc-queue';

/**
 * Runs each RPC in the caller's correlation id and acks the request on receipt: an RPC is
 * at most once, because its caller gives up at the timeout and must not see it done later twice.
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') {
      return next.handle();
    }
    const rmq = context.switchToRpc().getContext<RmqContext>();
    const message = rmq.getMessage() as { properties: { headers?: Record<string, unknown> } };
    (rmq.getChannelRef() as Pick<Channel, 'ack'>).ack(message as Message);
    const correlationId = message.properties.headers?.[CORRELATION_HEADER];
    return new Observable((subscriber) =>
      runWithCorrelationId(typeof correlationId === 'string' && correlationId ? correlationId : undefined, () =>
        next.handle().subscribe(subscriber),
      ),
    );
  }
}
