import { INestMicroservice } from '@nestjs/common';
import { trackBrokerConnection } from '@helpdesk/config';

import { RpcContextInterceptor } from './rpc-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';
import { RpcMetricsInterceptor } from './rpc-metrics.interceptor';
import { RpcSignatureInterceptor } from './rpc-signature.interceptor';
import { rpcValidationPipe } from './rpc-validation.pipe';

/** The pipes, filter and interceptors every RPC-serving service runs with, and its connection in the metrics. */
export function useRpcConventions(app: INestMicroservice): void {
  // In this order: a refused request is still acked and answered in its caller's correlation id (and counted).
  app.useGlobalInterceptors(new RpcContextInterceptor(), new RpcMetricsInterceptor(), new RpcSignatureInterceptor());
  app.useGlobalPipes(rpcValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
  let serving = false;
  app.status.subscribe((status) => (serving = status === 'connected'));
  trackBrokerConnection('rpc-server', () => serving);
}
