import { MessagePattern } from '@nestjs/microservices';
import { RpcPattern, RpcPayload, RpcResult } from '@helpdesk/contracts';

/** A handler of `P` as the contract has it; one without parameters ignores its payload. */
type ContractHandler<P extends RpcPattern> =
  ((payload: RpcPayload<P>) => RpcResult<P> | Promise<RpcResult<P>>) | (() => RpcResult<P> | Promise<RpcResult<P>>);

/**
 * The payload a handler declares is also the class the RPC validation pipe checks against, so
 * it must be the contract's own payload type, not merely one the contract's would fit.
 */
type DeclaresContractPayload<H, P extends RpcPattern> = H extends () => unknown
  ? true
  : H extends (payload: infer Declared) => unknown
    ? SameShape<Declared, RpcPayload<P>>
    : false;

/** Each assignable to the other, with the same fields (optional ones included). */
type SameShape<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? true
        : false
      : false
    : false
  : false;

/**
 * `@MessagePattern(pattern)` tied to the contract (RpcMap): a handler whose payload or result
 * is not the pattern's fails to compile.
 */
export function RpcHandler<P extends RpcPattern>(pattern: P) {
  return <H extends ContractHandler<P>>(
    target: object,
    key: DeclaresContractPayload<H, P> extends true ? string | symbol : 'declares a payload other than its contract',
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    MessagePattern(pattern)(target, key, descriptor);
  };
}
