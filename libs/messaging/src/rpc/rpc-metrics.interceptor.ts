import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { RmqContext } from '@nestjs/microservices';
import { rpcServerDuration } from '@helpdesk/config';
import { Observable, tap } from 'rxjs';

/** Times each answered RPC; interceptors run only for registered handlers, so the pattern label is bounded. */
@Injectable()
export class RpcMetricsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') {
      return next.handle();
    }
    const pattern = context.switchToRpc().getContext<RmqContext>().getPattern();
    const stop = rpcServerDuration.startTimer({ pattern });
    return next
      .handle()
      .pipe(tap({ complete: () => stop({ outcome: 'ok' }), error: () => stop({ outcome: 'error' }) }));
  }
}
