import { INestMicroservice } from '@nestjs/common';

import { RpcContextInterceptor } from './rpc-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';
import { RpcSignatureInterceptor } from './rpc-signature.interceptor';
import { rpcValidationPipe } from './rpc-validation.pipe';

/** The pipes, filter and interceptors every RPC-serving service runs with. */
export function useRpcConventions(app: INestMicroservice): void {
  // In this order: a refused request is still acked and answered in its caller's correlation id.
  app.useGlobalInterceptors(new RpcContextInterceptor(), new RpcSignatureInterceptor());
  app.useGlobalPipes(rpcValidationPipe());
  app.useGlobalFilters(new RpcErrorFilter());
}
