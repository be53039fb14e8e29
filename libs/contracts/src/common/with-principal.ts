import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';

import { Principal } from '../principal';

// TypeScript accepts a class as a mixin base only with exactly this constructor signature.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/** An RPC payload: the HTTP body class it extends, plus the principal the gateway resolved. */
export function WithPrincipal<B extends Constructor>(Body: B) {
  class PayloadWithPrincipal extends Body {
    @IsDefined()
    @ValidateNested()
    @Type(() => Principal)
    principal: Principal;
  }
  return PayloadWithPrincipal;
}

export class PrincipalOnlyPayload extends WithPrincipal(class {}) {}
