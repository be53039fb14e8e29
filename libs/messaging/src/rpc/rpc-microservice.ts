import { INestMicroservice } from '@nestjs/common';

import { RpcContextInterceptor } from './rpc-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';
import { RpcMetricsInterceptor } from './rpc-metrics.interceptor';
import { rpcValidationPipe } from './rpc-validation.pipe';

/** The pipes, filter and interceptor every RPC-serving service runs with. */
export function useRpcConventions(app: INestMicroservice): void {
  app.useGlobalInterceptors(new RpcContextInterceptor(), new RpcMetricsInterceptor());
  app.useGlobalPipes(rpcValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
}
